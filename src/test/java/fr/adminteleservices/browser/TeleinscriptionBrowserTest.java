package fr.adminteleservices.browser;

import static fr.adminteleservices.support.SiecleFixtures.LATIN9;
import static fr.adminteleservices.support.SiecleFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;

import fr.adminteleservices.support.EstablishmentFixtures;
import fr.adminteleservices.codes.GuardianCodes;
import fr.adminteleservices.enrolment.AssignmentResults;
import fr.adminteleservices.enrolment.Teleinscription;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.replication.Replication;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.H2Test;
import fr.adminteleservices.support.Heads;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Téléinscription (§7, I1–I3) as people click it, in headless Chromium: a father with a portal account enrols his
 * daughter, assigned to a lycée taking part, choosing her options in the lycée's profile and confirming; the
 * collège's head then sees her enrolment « Terminée » in the follow-up, and the lycée's head the options chosen.
 */
@H2Test
class TeleinscriptionBrowserTest extends BrowserTest {

    static final String PASSWORD = "cheval agrafe batterie correcte";
    static final String SECONDE = "20010017110";

    @Autowired
    EstablishmentService establishments;
    @Autowired
    EstablishmentFixtures fixtures;
    @Autowired
    SiecleImportService imports;
    @Autowired
    ServiceOpening opening;
    @Autowired
    GuardianCodes codes;
    @Autowired
    Replication replication;
    @Autowired
    Teleinscription teleinscription;
    @Autowired
    AssignmentResults assignments;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aFatherEnrolsHisDaughterAndBothHeadsSeeIt() throws Exception {
        // given a collège where Léa (3A) has her father Paul, and a lycée profiled like the demo's
        // families enrol only where the service « Téléinscription » is open: in the collège and in the lycée
        String college = fixtures.establishment().families(id -> Families.of(id).student(id.substring(0, 7) + "1", "Martin", "Léa",
                "03/04/2012", "3A").guardian("10", "M.", "Martin", "Paul", "1").email("paul.martin@example.fr"))
                .open("NOTES", "TELEINSCRIPTION").withGuardianCodes().create();
        String lycee = fixtures.another();
        jdbc.update("update establishment set kind = 'LYCEE', name = ? where uai = ?", "Lycée d'essai " + lycee, lycee);
        String leaId = college.substring(0, 7) + "1";
        String demoProfile = new String(new ClassPathResource("demo/siecle/0990002P/Nomenclature.xml").getContentAsByteArray(), LATIN9);
        imports.importExports(lycee, List.of(upload("Nomenclature.xml", demoProfile.replace("0990002P", lycee), LATIN9)), "test");
        opening.declare(lycee, "test");
        opening.setOpen(lycee, "TELEINSCRIPTION", true, "test");
        replication.runNow("test");

        // and the académie: both take part (with the demo's), the results are out, Léa is assigned to the lycée
        SchoolYear year = establishments.currentSchoolYear("demo").orElseThrow();
        Set<String> participants = new HashSet<>(teleinscription.participants("demo"));
        participants.addAll(List.of(college, lycee));
        LocalDate published = teleinscription.window("demo").opensOn() != null ? teleinscription.window("demo").opensOn() : year.startsOn();
        teleinscription.configure("demo", published, participants, "test");
        AssignmentResults.Report report = assignments.importCsv("demo", ("UAI_COLLEGE;ELEVE_ID;UAI_LYCEE;CODE_MEF\n"
                + college + ";" + leaId + ";" + lycee + ";" + SECONDE + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(report.rejected()).isEmpty();

        // Paul has an account with his letter's code (codes work from the next day), confirmed
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(1))));
        long link = jdbc.queryForObject("select l.id from guardian_link l join student s on s.id = l.student_id"
                + " where l.uai = ? and s.eleve_id = ?", Long.class, college, leaId);
        long codeId = jdbc.queryForObject("select id from guardian_code where valid_link_id = ?", Long.class, link);
        String code = codes.reveal(college, link, codeId, "test").reveal();
        String username = "paul-ti-" + college.toLowerCase();
        open("/portail/activation");
        waitForHeading("Créer mon compte");
        type(By.id("code"), code);
        typeDate(By.id("naissance"), LocalDate.of(2012, 4, 3));
        type(By.id("identifiant"), username);
        type(By.id("courriel"), "paul.martin@example.fr");
        type(By.id("motdepasse"), PASSWORD);
        type(By.id("confirmation"), PASSWORD);
        clickButton("Créer mon compte");
        waitForHeading("Compte provisoire créé");
        // the confirmation e-mail's link is PortalBrowserTest's subject: here the account is confirmed directly
        jdbc.update("update portal_account set state = 'CONFIRMED', confirmed_at = ? where username = ?",
                Timestamp.from(Instant.now()), username);

        // when he signs in, his home page offers the téléinscription for Léa
        open("/portail/connexion");
        type(By.id("identifiant"), username);
        type(By.id("motdepasse"), PASSWORD);
        clickButton("Se connecter");
        waitForHeading("Bonjour");
        WebElement offer = driver.findElement(By.cssSelector(".child-enrolment"));
        assertThat(offer.getText()).contains("Téléinscription au Lycée d'essai " + lycee, "Non commencée");
        offer.findElement(By.linkText("Commencer la téléinscription")).click();
        waitForHeading("Téléinscription de Léa Martin");
        clickButton("Commencer la téléinscription");

        // « Choisir les options »: he picks the first option offered in each exploration group, no section, no option
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("options-form")));
        List<WebElement> required = driver.findElements(By.cssSelector("fieldset[id^='group-EXPLORATION']"));
        assertThat(required).hasSizeGreaterThanOrEqualTo(1);
        List<String> chosen = new java.util.ArrayList<>();
        for (int i = 0; i < required.size(); i++) {
            WebElement group = driver.findElements(By.cssSelector("fieldset[id^='group-EXPLORATION']")).get(i);
            // a subject already taken in the first group is not taken again
            WebElement label = group.findElements(By.cssSelector(".fr-fieldset__element label")).stream()
                    .filter(l -> !chosen.contains(l.getText())).findFirst().orElseThrow();
            chosen.add(label.getText());
            label.click();
        }
        screenshot("teleinscription-options");
        clickButton("Continuer");

        // « Confirmer l'inscription »: the summary of his choices, then he confirms
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("summary")));
        assertThat(driver.findElements(By.cssSelector("#summary li")).stream().map(WebElement::getText).toList())
                .containsExactlyElementsOf(chosen);
        clickButton("Confirmer l'inscription");
        waitFor(ExpectedConditions.textToBe(By.id("state"), "État : Terminée"));

        // then the collège's head sees Léa's enrolment « Terminée » in the follow-up, with the counts
        open("/login");
        driver.manage().deleteAllCookies();
        logIn(Heads.username(college), Heads.password(college));
        open("/etablissements/" + college + "/teleinscription");
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("follow-up")));
        assertThat(driver.findElement(By.cssSelector("#follow-up tbody")).getText()).contains("Martin Léa", "3A", "Terminée");
        assertThat(driver.findElement(By.id("counts")).getText()).containsIgnoringCase("Terminée : 1"); // DSFR badges are upper case
        screenshot("teleinscription-suivi-college");

        // and the lycée's head sees the options she will follow
        driver.manage().deleteAllCookies();
        logIn(Heads.username(lycee), Heads.password(lycee));
        open("/etablissements/" + lycee + "/teleinscription");
        WebElement completed = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("completed")));
        assertThat(completed.getText()).contains("Martin").contains(chosen);
    }
}
