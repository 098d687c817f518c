package fr.adminteleservices.browser;

import static fr.adminteleservices.support.SiecleFixtures.division;
import static fr.adminteleservices.support.SiecleFixtures.responsables;
import static org.assertj.core.api.Assertions.assertThat;

import fr.adminteleservices.support.EstablishmentFixtures;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.H2Test;
import fr.adminteleservices.support.Heads;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * End to end, in a real headless Chromium (Debian's package and its chromedriver, nothing downloaded): a head
 * creates the CARs of two couples of a division (C1) and watches their lifecycles start in the background.
 */
@H2Test
class GuardianCodesBrowserTest extends BrowserTest {
    @Autowired
    EstablishmentFixtures fixtures;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aHeadCreatesTheCodesOfTwoCouplesOfADivisionAndSeesTheirLifecyclesStart() {
        // given an establishment with an open service, Léa (3A) with her two legal guardians, Hugo (3B) with his mother
        String uai = fixtures.establishment().families(id -> Families.of(id)
                .student("1", "Martin", "Léa", "03/04/2012", "3A")
                .guardian("10", "M.", "Martin", "Paul", "1").email("paul.martin@example.fr")
                .guardian("11", "Mme", "Martin", "Claire", "2")
                .student("2", "Bernard", "Hugo", "05/06/2012", "3B")
                .guardian("13", "Mme", "Bernard", "Anne", "1"))
                .open("NOTES").create();
        long father = linkOf(uai, "10");
        long mother = linkOf(uai, "11");

        // when the head signs in and opens « Accès des responsables »: its first page creates the codes
        logIn(Heads.username(uai), Heads.password(uai));
        waitForHeading("Accueil");
        menuLink("Accès des responsables").click();
        waitForHeading("Créer les codes en masse");
        assertThat(driver.getCurrentUrl()).isEqualTo(url("/etablissements/" + uai + "/responsables/creation"));
        assertThat(rows()).hasSize(3);

        // they choose the division 3A and click « Afficher »
        new Select(driver.findElement(By.id("division"))).selectByValue("3A");
        clickButton("Afficher");
        waitFor(ExpectedConditions.urlContains("division=3A"));
        assertThat(rows()).hasSize(2);
        assertThat(driver.findElement(By.id("check-all-group")).isDisplayed()).isTrue();

        // they tick the two couples, then click « Créer les codes »
        tick(father);
        tick(mother);
        assertThat(driver.findElement(By.id("check-all")).isSelected()).isTrue();
        screenshot("car-creation-cochee");
        clickButton("Créer les codes");

        // then the page says that two codes were created
        WebElement result = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("generation-result")));
        assertThat(result.findElement(By.tagName("h2")).getText()).isEqualTo("2 codes créés");
        assertThat(result.getText()).contains("Tous les couples demandés ont reçu un code.");
        assertThat(driver.getCurrentUrl()).isEqualTo(url("/etablissements/" + uai + "/responsables/creation?division=3A"));
        assertThat(jdbc.queryForObject("select count(*) from guardian_code where uai = ? and valid_link_id is not null",
                Integer.class, uai)).isEqualTo(2);
        WebElement progress = driver.findElement(By.id("lifecycles-progress"));
        assertThat(progress.getAttribute("max")).isEqualTo("2");

        // and the progress bar follows the lifecycles that the job executor starts in the background
        runGenerationJobs(uai);
        waitFor(d -> d.findElement(By.id("lifecycles-text")).getText().startsWith("Terminé"));
        assertThat(driver.findElement(By.id("lifecycles-text")).getText()).isEqualTo("Terminé : le suivi est en place pour les 2 codes.");
        assertThat(progress.getDomProperty("value")).isEqualTo("2");
        assertThat(progress.getDomProperty("position")).isEqualTo("1");
        // the two couples have left the list of couples without a valid code
        assertThat(driver.findElements(By.id("couples-table"))).isEmpty();
        assertThat(main()).contains("Aucun couple élève / responsable n'existe pour cette sélection.");
        screenshot("car-creation-terminee");
    }

    // ------------------------------------------------------------------ helpers

    private long linkOf(String uai, String personneId) {
        return jdbc.queryForObject("select l.id from guardian_link l join guardian g on g.id = l.guardian_id "
                + "where l.uai = ? and g.personne_id = ?", Long.class, uai, personneId);
    }

    /** Runs the generation's background jobs, as the running application's job executor does (it is off in tests). */
    private void runGenerationJobs(String uai) {
        for (int round = 0; round < 20; round++) {
            List<Job> jobs = management.createJobQuery().processDefinitionKey("code-generation").tenantIdIn(uai).executable().list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(j -> management.executeJob(j.getId()));
        }
    }

    /**
     * Ticks a couple by clicking where its box is drawn, as a person does: the DSFR hides the input and draws the box
     * before its label, whose text is for screen readers only.
     */
    private void tick(long linkId) {
        WebElement box = waitFor(ExpectedConditions.presenceOfElementLocated(By.id("link-" + linkId)));
        new Actions(driver).moveToElement(box).click().perform();
        assertThat(box.isSelected()).isTrue();
    }

    private List<WebElement> rows() {
        return driver.findElements(By.cssSelector("#couples-table tbody tr"));
    }
}
