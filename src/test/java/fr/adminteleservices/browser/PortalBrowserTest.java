package fr.adminteleservices.browser;

import static fr.adminteleservices.support.SiecleFixtures.eleves;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.adminteleservices.support.EstablishmentFixtures;
import fr.adminteleservices.codes.GuardianCodes;
import fr.adminteleservices.consultation.SchoolRecords;
import fr.adminteleservices.notification.Channel;
import fr.adminteleservices.notification.Notifications;
import fr.adminteleservices.replication.Replication;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.H2Test;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * End to end, in a real headless Chromium: a father takes the code from the paper letter of the establishment,
 * creates his account on the portal, confirms it by the link of the e-mail he receives (GreenMail on the test
 * profile's port), signs in, finds his daughter on the home page and reads her grade on « Notes ».
 */
@H2Test
class PortalBrowserTest extends BrowserTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(Integer.getInteger("test.smtp.port", 3925), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static final String PASSWORD = "cheval agrafe batterie correcte";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    /** A CAR as the letter prints it: three groups of five characters of the alphabet without look-alikes. */
    static final Pattern CODE = Pattern.compile("[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}");
    static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+(/portail/[a-z-]+\\?jeton=[A-Za-z0-9_-]+)");

    @Autowired
    EstablishmentFixtures fixtures;
    @Autowired
    fr.adminteleservices.consultation.ViewLog viewLog;
    @Autowired
    GuardianCodes codes;
    @Autowired
    SchoolRecords records;
    @Autowired
    Replication replication;
    @Autowired
    Notifications notifications;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aFatherTypesTheCodeOfHisLetterConfirmsHisAccountByTheEMailSignsInAndReadsHisDaughtersGrade() throws Exception {
        // given Léa (3A), with an ELEVE_ID of this establishment only (a shared INE would be a change of school), her
        // father Paul (e-mail), Notes open, the couple's CAR, and a test the teacher published three days ago
        String uai = fixtures.establishment().families(id -> Families.of(id).student(id.substring(0, 7) + "1", "Martin", "Léa",
                "03/04/2012", "3A").guardian("10", "M.", "Martin", "Paul", "1").email("paul.martin@example.fr")).open("NOTES").create();
        String leaId = uai.substring(0, 7) + "1";
        assertThat(codes.generate(uai, null, true, null, null, "test").created()).isEqualTo(1);
        long lea = jdbc.queryForObject("select id from student where uai = ? and eleve_id = ?", Long.class, uai, leaId);
        long link = jdbc.queryForObject("select id from guardian_link where uai = ? and student_id = ?", Long.class, uai, lea);
        LocalDate today = LocalDate.now(PARIS);
        LocalDate publishedOn = today.minusDays(3);
        LocalDate heldOn = publishedOn.minusDays(2);
        records.recordAssessment(uai, new SchoolRecords.Assessment("3A", "Mathématiques", "Les fractions", heldOn, publishedOn,
                20, BigDecimal.ONE), List.of(SchoolRecords.Result.grade(lea, "12.5")));
        replication.runNow("test");
        // codes work from the day after their creation: the clock moves a day on
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(1))));

        // the letter: the father's paper letter, one page of PDF, carries his code
        byte[] pdf = notifications.notifyCouple(uai, link, Channel.PAPER, "test").pdf();
        String letter = pdfText(pdf);
        assertThat(letter).contains("Léa", "Paul");
        Matcher found = CODE.matcher(letter);
        assertThat(found.find()).as("a code in the letter:%n%s", letter).isTrue();
        String code = found.group();

        // he opens « Créer mon compte » and fills it in
        open("/portail/activation");
        waitForHeading("Créer mon compte");
        screenshot("portail-activation-vide");
        type(By.id("code"), code);
        typeDate(By.id("naissance"), LocalDate.of(2012, 4, 3));
        String username = "paul-" + uai.toLowerCase();
        type(By.id("identifiant"), username);
        type(By.id("courriel"), "paul.martin@example.fr");
        type(By.id("motdepasse"), PASSWORD);
        type(By.id("confirmation"), PASSWORD);
        screenshot("portail-activation-remplie");
        clickButton("Créer mon compte");

        // the account is provisional: the page asks him to confirm it
        waitForHeading("Compte provisoire créé");
        WebElement activated = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("activated")));
        assertThat(activated.getText()).contains("Confirmez votre compte", "paul.martin@example.fr", "dans les 7 jours");
        assertThat(driver.findElements(By.id("activation-errors"))).isEmpty();
        screenshot("portail-compte-cree");

        // the process sends the confirmation e-mail (the job executor is off in tests: the test runs its job)
        long account = jdbc.queryForObject("select id from portal_account where username = ?", Long.class, username);
        assertThat(jdbc.queryForObject("select state from portal_account where id = ?", String.class, account)).isEqualTo("PROVISIONAL");
        ProcessInstance process = runtime.createProcessInstanceQuery().processDefinitionKey("portal-account")
                .processInstanceBusinessKey("ACCOUNT-" + account).singleResult();
        assertThat(process).as("the portal-account process of the new account").isNotNull();
        runJob(process);
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).as("the confirmation e-mail").isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(((InternetAddress) mail.getAllRecipients()[0]).getAddress()).isEqualTo("paul.martin@example.fr");
        assertThat(mail.getSubject()).isEqualTo("Confirmez la création de votre compte téléservices");
        String text = text(mail);
        assertThat(text).as("the text part of the e-mail").isNotNull();
        Matcher confirmation = LINK.matcher(text);
        assertThat(confirmation.find()).as("a link in the e-mail:%n%s", text).isTrue();
        assertThat(URI.create(confirmation.group()).getPath()).isEqualTo("/portail/confirmation");

        // he follows the link (on the test server's port): the log-in page says the account is confirmed
        open(confirmation.group(1));
        waitForHeading("Se connecter aux téléservices");
        assertThat(driver.getCurrentUrl()).isEqualTo(url("/portail/connexion?confirme"));
        assertThat(driver.findElement(By.id("login-confirmed")).getText())
                .isEqualTo("Votre compte est confirmé : vous pouvez vous connecter.");
        assertThat(jdbc.queryForObject("select state from portal_account where id = ?", String.class, account)).isEqualTo("CONFIRMED");
        screenshot("portail-compte-confirme");

        // he signs in: the home page shows Léa, with the link to her grades
        type(By.id("identifiant"), username);
        type(By.id("motdepasse"), PASSWORD);
        clickButton("Se connecter");
        waitForHeading("Bonjour");
        assertThat(driver.getCurrentUrl()).isEqualTo(url("/portail"));
        assertThat(driver.findElement(By.id("account-name")).getText()).isEqualTo(username);
        WebElement children = driver.findElement(By.id("children"));
        assertThat(children.findElements(By.tagName("li"))).hasSize(1);
        assertThat(children.getText()).contains("Léa Martin", "3A", "Collège d'essai " + uai);
        screenshot("portail-accueil");
        WebElement notesLink = waitFor(ExpectedConditions.elementToBeClickable(By.xpath("//ul[@id='children']"
                + "//p[contains(@class, 'child-services') and @data-child='" + uai + "/" + lea + "']//a[normalize-space()='Notes']")));
        assertThat(notesLink.getDomAttribute("href")).isEqualTo("/portail/eleves/" + uai + "/" + lea + "/notes");
        notesLink.click();

        // the grades page shows the test and Léa's grade
        waitForHeading("Notes — Léa Martin");
        assertThat(driver.getCurrentUrl()).isEqualTo(url("/portail/eleves/" + uai + "/" + lea + "/notes"));
        assertThat(driver.findElement(By.id("child")).getText()).isEqualTo("Division 3A, Collège d'essai " + uai);
        assertThat(driver.findElement(By.id("publication")).getText()).contains("au fil de l'eau");
        assertThat(driver.findElements(By.id("empty"))).isEmpty();
        List<List<String>> rows = driver.findElements(By.cssSelector("#items tbody tr")).stream()
                .map(tr -> tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
        assertThat(rows).containsExactly(List.of(FRENCH.format(heldOn), "Mathématiques", "Les fractions", "12,5 / 20", "1"));
        viewLog.flush();
        assertThat(jdbc.queryForObject("select count(*) from consultation_log where uai = ? and account_id = ? and service = 'NOTES'",
                Integer.class, uai, account)).isEqualTo(1);
        screenshot("portail-notes");
        assertThat(driver.getTitle()).endsWith(" — Téléservices de la scolarité").doesNotContain("Admin");

        // on a phone (390 and 320 px): the grades read without scrolling sideways, each cell named by its column
        for (int width : new int[] {390, 320}) {
            phone(width);
            driver.navigate().refresh();
            waitForHeading("Notes — Léa Martin");
            long[] widths = widths();
            assertThat(widths[1]).as("the page's scrolling width at %d px", width).isLessThanOrEqualTo(widths[0]);
            for (WebElement cell : driver.findElements(By.cssSelector("#items tbody td"))) {
                assertThat(cell.isDisplayed()).isTrue();
                assertThat(cell.getRect().getX() + cell.getRect().getWidth()).as("a cell's right edge").isLessThanOrEqualTo((int) widths[0]);
            }
            screenshot("portail-notes-" + width);
        }
        // a page he cannot reach: the portal's own error page, its way back to the portal
        open("/portail/eleves/" + uai + "/" + (lea + 1_000_000) + "/notes");
        waitForHeading("Accès refusé");
        assertThat(driver.getTitle()).isEqualTo("Erreur — Téléservices de la scolarité");
        assertThat(driver.findElement(By.linkText("Retour à l'accueil des téléservices")).getDomAttribute("href")).isEqualTo("/portail");
        assertThat(driver.findElement(By.id("pied-de-page")).getText()).contains("Accessibilité : partiellement conforme");
        open("/portail");
        waitForHeading("Bonjour");
        // the DSFR hides the header's tools on a phone; the account and « Se déconnecter » stay in sight
        assertThat(driver.findElement(By.id("account-name")).isDisplayed()).isFalse();
        WebElement mobile = driver.findElement(By.id("mobile-account"));
        assertThat(mobile.isDisplayed()).isTrue();
        assertThat(mobile.getText()).contains(username);
        screenshot("portail-accueil-320");
        mobile.findElement(By.tagName("button")).click();
        waitForHeading("Se connecter aux téléservices");
        assertThat(driver.getCurrentUrl()).isEqualTo(url("/portail/connexion?deconnecte"));
        open("/portail");
        waitForHeading("Se connecter aux téléservices");
    }

    // ------------------------------------------------------------------ helpers

    /** Runs the process's waiting job, as the running application's job executor does (it is off in tests). */
    private void runJob(ProcessInstance process) {
        List<Job> jobs = management.createJobQuery().processInstanceId(process.getId()).executable().list();
        assertThat(jobs).as("the job of %s", process.getBusinessKey()).hasSize(1);
        management.executeJob(jobs.get(0).getId());
    }

    private static String pdfText(byte[] pdf) throws IOException {
        assertThat(pdf).as("the PDF of the letter").isNotNull();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replace('\u00a0', ' ').replace('\u202f', ' ');
        }
    }

    /** The text/plain part of an e-mail, decoded (quoted-printable lines and =3D). */
    private static String text(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = text(multipart.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
