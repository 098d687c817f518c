package fr.adminteleservices.browser;

import static fr.adminteleservices.support.SiecleFixtures.LATIN9;
import static fr.adminteleservices.support.SiecleFixtures.division;
import static fr.adminteleservices.support.SiecleFixtures.eleve;
import static fr.adminteleservices.support.SiecleFixtures.eleves;
import static fr.adminteleservices.support.SiecleFixtures.newEstablishment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.support.H2Test;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * End to end, in a real headless Chromium (Debian's package and its chromedriver, nothing downloaded):
 * the screens as a head of establishment clicks them, and the SIECLE import as the académie runs it.
 */
@H2Test
class HeadOfEstablishmentBrowserTest extends BrowserTest {
    static final String COLLEGE = "0990001N";
    static final String LYCEE = "0990002P";
    static final String HEAD = "chef." + COLLEGE;
    static final String ACADEMY_ADMIN = "academie";


    @Autowired
    EstablishmentService establishments;

    @Test
    void anUnknownUserStaysOnTheLoginPageWithAFrenchMessage() {
        // given a visitor who is not signed in: the establishment's page leads to the log-in page
        open("/etablissements/" + COLLEGE);
        waitFor(ExpectedConditions.urlContains("/login"));
        assertThat(heading()).isEqualTo("Se connecter à Admin Téléservices");

        // when an unknown user tries to sign in (never a wrong password for a real user: Camunda would delay its next log-ins)
        type(By.id("username"), "inconnu");
        type(By.id("password"), "inconnu");
        clickButton("Se connecter");

        // then the log-in page says why, in French
        waitFor(ExpectedConditions.urlContains("/login?erreur"));
        assertThat(driver.findElement(By.cssSelector(".fr-alert--error")).getText())
                .contains("Connexion impossible").contains("Identifiant ou mot de passe incorrect.");
    }

    @Test
    void aHeadSignsInSeesTheGuideMenuAndAnUpcomingFeatureSaysSo() {
        // when the head signs in by clicking
        logIn(HEAD);

        // then they land on their establishment's home page, with their name and the Camunda links in the header
        waitFor(ExpectedConditions.urlToBe(url("/etablissements/" + COLLEGE)));
        waitForHeading("Accueil");
        assertThat(main()).contains("Collège Jean Moulin");
        assertThat(link("Tâches (Tasklist)").getAttribute("href")).isEqualTo(url("/camunda/app/tasklist/default/"));
        assertThat(link("Processus (Cockpit)").getAttribute("href")).isEqualTo(url("/camunda/app/cockpit/default/"));
        // and the guide's menu, every entry a link
        assertThat(menuEntries()).containsExactly("Accueil", "Ouverture / fermeture", "Paramétrage", "Accès des responsables",
                "Accès des élèves", "Statistiques", "Téléinscription", "Élèves et responsables", "Importer les exports SIECLE");
        assertThat(menuLink("Accueil").getAttribute("aria-current")).isEqualTo("page");

        // when they click « Statistiques »
        menuLink("Statistiques").click();

        // then they land on the first synthesis, the guide's §6.1
        waitForHeading("Synthèse codes élèves");
        assertThat(driver.getCurrentUrl()).isEqualTo(url("/etablissements/" + COLLEGE + "/statistiques/codes-eleves"));
        assertThat(driver.findElement(By.id("sum")).getText()).startsWith("Somme :");
        assertThat(menuLink("Statistiques").getAttribute("aria-current")).isEqualTo("page");

        // when they sign out
        clickButton("Se déconnecter");

        // then the log-in page confirms it, and their pages are closed again
        waitFor(ExpectedConditions.urlContains("/login?deconnecte"));
        assertThat(main()).contains("Vous êtes déconnecté.");
        open("/etablissements/" + COLLEGE);
        waitFor(ExpectedConditions.urlContains("/login"));
    }

    @Test
    void aHeadListsADivisionWithItsGuardians() {
        // given the head signed in
        logIn(HEAD);
        waitForHeading("Accueil");

        // when they open « Élèves et responsables », choose the first division and click « Afficher »
        menuLink("Élèves et responsables").click();
        waitForHeading("Élèves et responsables");
        assertThat(main()).contains("Choisissez une division ou un MEF");
        Select divisions = new Select(driver.findElement(By.id("division")));
        assertThat(new Select(driver.findElement(By.id("mef"))).getOptions()).hasSizeGreaterThan(1);
        String division = divisions.getOptions().get(1).getAttribute("value");
        divisions.selectByValue(division);
        clickButton("Afficher");

        // then the division's students are listed with their legal guardians
        waitFor(ExpectedConditions.urlContains("division=" + division));
        List<WebElement> rows = driver.findElements(By.cssSelector("main table tbody tr"));
        assertThat(rows).isNotEmpty();
        assertThat(rows).allSatisfy(row -> assertThat(row.findElements(By.tagName("td")).get(2).getText()).isEqualTo(division));
        assertThat(driver.findElement(By.cssSelector("main table caption")).getText()).isEqualTo(rows.size() + " élève(s)");
        assertThat(main()).contains("Responsable légal 1");
        assertThat(new Select(driver.findElement(By.id("division"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo(division);
    }

    @Test
    void theTasklistOpensWithoutASecondLogIn() {
        // given the head signed in to the application
        logIn(HEAD);
        waitForHeading("Accueil");

        // when they click « Tâches (Tasklist) » in the header
        link("Tâches (Tasklist)").click();

        // then Camunda Tasklist opens on its task list, with them signed in
        waitFor(ExpectedConditions.titleContains("Tasklist"));
        assertThat(driver.getCurrentUrl()).startsWith(url("/camunda/app/tasklist/default/"));
        new WebDriverWait(driver, WAIT).withMessage(() -> "Tasklist's task list did not show for the signed-in head"
                        + " (Camunda's own log-in form instead?) at " + driver.getCurrentUrl())
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[cam-tasks]")));
        // and Camunda's own log-in form never shows up
        By camundaLoginForm = By.cssSelector("form[name=signinForm], input[ng-model=username], input[name=username]");
        assertThatThrownBy(() -> new WebDriverWait(driver, Duration.ofSeconds(3))
                .until(ExpectedConditions.visibilityOfElementLocated(camundaLoginForm)))
                .isInstanceOf(TimeoutException.class);
        assertThat(driver.getCurrentUrl()).doesNotContain("/login");
    }

    @Test
    void aHeadTypingAnotherEstablishmentsAddressGetsTheFrenchAccessDeniedPage() {
        // given the head of the collège signed in
        logIn(HEAD);
        waitForHeading("Accueil");

        // when they type the lycée's address
        open("/etablissements/" + LYCEE);

        // then the application's error page says, in French, that this page is not theirs
        waitForHeading("Accès refusé");
        assertThat(main()).contains("Vous n'avez pas accès à cette page : elle concerne un autre établissement ou un autre rôle.");
        assertThat(driver.findElements(By.cssSelector("nav[aria-label=\"Menu de l'établissement\"]"))).isEmpty();
        assertThat(link("Retour à l'accueil").getAttribute("href")).isEqualTo(url("/"));
    }

    @Test
    void anImportWithARejectedStudentShowsItsReportAndTheImportedStudent(@TempDir Path exports) throws IOException {
        // given a new establishment (the demo collège stays untouched) and an export with one good student
        // and one born on a day that does not exist
        String uai = newEstablishment(establishments);
        Path file = write(exports.resolve("ElevesSansAdresses.xml"), eleves(uai,
                eleve("77000001", "Dupré", "Chloé", "03/04/2012", "") + eleve("77000002", "Lefèvre", "Noé", "31/02/2012", ""),
                division("77000001", "3A") + division("77000002", "3A")));
        logIn(ACADEMY_ADMIN);
        waitFor(ExpectedConditions.urlToBe(url("/")));

        // when the export is uploaded on « Importer les exports SIECLE »
        open("/etablissements/" + uai + "/imports");
        waitForHeading("Importer les exports SIECLE");
        assertThat(main()).contains("Aucun import pour le moment.");
        driver.findElement(By.id("files")).sendKeys(file.toAbsolutePath().toString());
        clickButton("Importer");

        // then the report counts one student created and lists the rejected one with its reason, in French
        waitForHeading("Rapport d’import SIECLE");
        assertThat(driver.getCurrentUrl()).startsWith(url("/etablissements/" + uai + "/imports/"));
        assertThat(driver.findElement(By.cssSelector("main .fr-alert--warning")).getText())
                .contains("Import terminé avec des rejets").contains("1 enregistrement(s) rejeté(s)");
        assertThat(cells("//table[caption[contains(., 'changé')]]//tr[th[normalize-space()='Élèves']]/td"))
                .containsExactly("1", "0", "0");
        assertThat(cells("//table[caption[contains(., 'changé')]]//tr[th[normalize-space()='Responsables']]/td"))
                .containsExactly("0", "0", "0");
        List<WebElement> rejected = driver.findElements(
                By.xpath("//table[caption[normalize-space()='Enregistrements rejetés']]/tbody/tr"));
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).findElements(By.tagName("td"))).extracting(WebElement::getText).containsExactly(
                "ElevesSansAdresses.xml", "ELEVE_ID 77000002",
                "Date de naissance invalide : « 31/02/2012 » (DATE_NAISS, format attendu jj/mm/aaaa).");

        // when they follow « Voir les élèves », choose the division and click « Afficher »
        link("Voir les élèves").click();
        waitForHeading("Élèves et responsables");
        new Select(driver.findElement(By.id("division"))).selectByValue("3A");
        clickButton("Afficher");

        // then the imported student is listed (accents read from ISO-8859-15), the rejected one is not
        waitFor(ExpectedConditions.urlContains("division=3A"));
        assertThat(driver.findElement(By.cssSelector("main table caption")).getText()).isEqualTo("1 élève(s)");
        assertThat(cells("//main//table/tbody/tr/td")).startsWith("Dupré Chloé", "03/04/2012", "3A");
        assertThat(main()).doesNotContain("Lefèvre");
    }

    @Test
    void anExportOfAnotherEstablishmentIsRefusedInFrench(@TempDir Path exports) throws IOException {
        // given a new establishment and an export whose UAJ is another establishment's
        String uai = newEstablishment(establishments);
        Path file = write(exports.resolve("ElevesSansAdresses.xml"),
                eleves("0750654D", eleve("1", "Martin", "Léa", "03/04/2012", ""), division("1", "3A")));
        logIn(ACADEMY_ADMIN);
        waitFor(ExpectedConditions.urlToBe(url("/")));

        // when it is uploaded
        open("/etablissements/" + uai + "/imports");
        waitForHeading("Importer les exports SIECLE");
        driver.findElement(By.id("files")).sendKeys(file.toAbsolutePath().toString());
        clickButton("Importer");

        // then the form stays, with the refusal and its reason in French, and no import was recorded
        WebElement alert = waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main .fr-alert--error")));
        assertThat(heading()).isEqualTo("Importer les exports SIECLE");
        assertThat(alert.getText()).contains("Import refusé : aucune donnée n'a été modifiée")
                .contains("Le fichier « ElevesSansAdresses.xml » est l'export de l'établissement 0750654D, pas de " + uai);
        assertThat(main()).contains("Aucun import pour le moment.");
        assertThat(driver.findElement(By.id("files")).isDisplayed()).isTrue();
    }

    // ------------------------------------------------------------------ helpers

    private String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    private WebElement link(String label) {
        return waitFor(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space()=\"" + label + "\"]")));
    }

    /** The menu's labels in order. */
    private List<String> menuEntries() {
        return driver.findElements(By.cssSelector("nav[aria-label=\"Menu de l'établissement\"] a.app-menu__link")).stream()
                .map(WebElement::getText).toList();
    }

    private List<String> cells(String xpath) {
        return driver.findElements(By.xpath(xpath)).stream().map(WebElement::getText).toList();
    }

    private static Path write(Path file, String xml) throws IOException {
        return Files.write(file, xml.getBytes(LATIN9));
    }
}
