package fr.adminteleservices.browser;

import static fr.adminteleservices.support.SiecleFixtures.newEstablishment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.HeadAccountForm;
import fr.adminteleservices.settings.SettingsService;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import fr.adminteleservices.support.H2Test;

/**
 * End to end, in a real headless Chromium (Debian's package and its chromedriver, nothing downloaded): a new
 * head declares the use of the téléservices, then writes the welcome message in the Trix editor, previews it
 * and saves it.
 */
@H2Test
class SettingsBrowserTest extends BrowserTest {
    @Autowired
    EstablishmentService establishments;
    @Autowired
    SettingsService settings;

    @Test
    void aHeadWritesAWelcomeMessageWithBoldTextPreviewsItThenSavesIt() {
        // given a new establishment and its head, who has not declared the use of the téléservices yet
        String uai = newEstablishment(establishments);
        String head = "chef." + uai;
        String password = "mot-de-passe-" + uai;
        establishments.createHead(uai, new HeadAccountForm(head, password, "Claire", "Essai"));

        // when the head signs in, the first screen is the welcome page (O1); they choose to use the téléservices
        logIn(head, password);
        waitForHeading("Bienvenue dans Administration Téléservices");
        assertThat(driver.getCurrentUrl()).isEqualTo(url("/etablissements/" + uai + "/ouverture"));
        clickButton("Utiliser les téléservices");
        waitForHeading("Ouverture / fermeture");

        // when they open « Paramétrage »: its first page is the welcome message, in the Trix editor
        menuLink("Paramétrage").click();
        waitForHeading("Message d'accueil");
        assertThat(driver.getCurrentUrl()).isEqualTo(url("/etablissements/" + uai + "/parametrage/accueil"));
        WebElement editor = waitFor(ExpectedConditions.elementToBeClickable(By.cssSelector("trix-editor#welcomeMessage-editor")));
        WebElement bold = waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("trix-toolbar [data-trix-attribute=bold]")));
        assertThat(bold.getAttribute("title")).isEqualTo("Gras");
        // no file attachment: the button is hidden
        assertThat(driver.findElement(By.cssSelector("trix-toolbar [data-trix-action=attachFiles]")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("welcomeMessage-label")).getText()).startsWith("Message d'accueil");

        // they type a message with bold text
        editor.click();
        editor.sendKeys("Bienvenue aux familles, ");
        bold.click();
        editor.sendKeys("réunion jeudi");
        bold.click();
        editor.sendKeys(" à 18 h.");
        waitFor(ExpectedConditions.textToBe(By.id("welcomeMessage-count"), "45"));
        assertThat(editor.findElement(By.tagName("strong")).getText()).isEqualTo("réunion jeudi");
        screenshot("accueil-saisie");

        // when they click « Prévisualiser »
        clickButton("Prévisualiser");
        waitFor(ExpectedConditions.stalenessOf(editor));
        waitForHeading("Message d'accueil");

        // then the preview on the right shows the message as parents will see it, not yet saved
        WebElement preview = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("welcome-preview")));
        assertThat(preview.getText()).isEqualTo("Bienvenue aux familles, réunion jeudi à 18 h.");
        assertThat(preview.findElement(By.tagName("strong")).getText()).isEqualTo("réunion jeudi");
        assertThat(main()).contains("Il n'est pas encore enregistré.");
        assertThat(settings.latest(uai).welcomeMessage()).isNull();
        // and the editor still holds the message, bold included
        WebElement reloaded = waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("trix-editor strong")));
        assertThat(reloaded.getText()).isEqualTo("réunion jeudi");
        screenshot("accueil-apercu");

        // when they click « Enregistrer »
        clickButton("Enregistrer");

        // then the message is saved and applies from the next day
        WebElement done = waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main .fr-alert--success")));
        assertThat(done.getText()).contains("Le message d'accueil est enregistré.");
        assertThat(driver.findElement(By.id("pending")).getText()).startsWith("Modifications enregistrées, en vigueur à partir du");
        assertThat(driver.findElement(By.cssSelector("#welcome-preview strong")).getText()).isEqualTo("réunion jeudi");
        assertThat(settings.latest(uai).welcomeMessage()).contains("<strong>réunion jeudi</strong>")
                .contains("Bienvenue aux familles");
        screenshot("accueil-enregistre");
    }
}
