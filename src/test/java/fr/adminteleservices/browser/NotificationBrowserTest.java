package fr.adminteleservices.browser;

import static fr.adminteleservices.support.SiecleFixtures.personne;
import static fr.adminteleservices.support.SiecleFixtures.responsables;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.adminteleservices.support.EstablishmentFixtures;
import fr.adminteleservices.codes.GuardianCodes;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.H2Test;
import fr.adminteleservices.support.Heads;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * End to end, in a real headless Chromium: a head notifies the CARs of three couples (C2) by e-mail and on paper,
 * follows the progress bar while the process's jobs run, reads the summary, saves the PDF of the paper letters,
 * then finds nobody left to notify. The e-mails go to a real SMTP server (GreenMail on the test profile's port).
 */
@H2Test
class NotificationBrowserTest extends BrowserTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(Integer.getInteger("test.smtp.port", 3925), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private static final Pattern JOB_URL = Pattern.compile("/notifications/([0-9a-f-]{36})$");

    @Autowired
    EstablishmentFixtures fixtures;
    @Autowired
    GuardianCodes codes;
    @Autowired
    ManagementService management;
    @Autowired
    Clock clock;

    @Test
    void aHeadNotifiesThreeCouplesByEMailAndOnPaperFollowsTheProgressAndSavesThePdf() throws Exception {
        // given Léa (3A) with her father Paul (e-mail) and her mother Claire (postal address only), Hugo (3B) with
        // his mother Anne (e-mail), an open service and the CARs of the three couples
        String uai = fixtures.establishment().families(id -> Families.of(id)
                .student("1", "Martin", "Léa", "03/04/2012", "3A")
                .guardian("10", "M.", "Martin", "Paul", "1").email("paul.martin@example.fr")
                .guardian("11", "Mme", "Martin", "Claire", "2").address("A11", "3 rue des Écoles", "99000", "Essai")
                .student("2", "Bernard", "Hugo", "05/06/2012", "3B")
                .guardian("13", "Mme", "Bernard", "Anne", "1").email("anne.bernard@example.fr"))
                .open("NOTES").create();
        assertThat(codes.generate(uai, null, true, null, null, "test").created()).isEqualTo(3);
        runJobs("code-generation", uai);

        // when the head signs in, opens « Accès des responsables » and clicks « Notifier en masse » in the side menu
        logIn(Heads.username(uai), Heads.password(uai));
        waitForHeading("Accueil");
        menuLink("Accès des responsables").click();
        waitForHeading("Créer les codes en masse");
        sideMenuLink("Notifier en masse").click();
        waitForHeading("Notifier en masse");
        String page = "/etablissements/" + uai + "/responsables/notification";
        assertThat(driver.getCurrentUrl()).isEqualTo(url(page));
        assertThat(sideMenuLink("Notifier en masse").getDomAttribute("aria-current")).isEqualTo("page");

        // then, without a mode of transmission, the page asks for one and lists nobody
        assertThat(driver.findElement(By.id("choose-channel")).getText()).contains("Choisissez un mode de transmission");
        assertThat(driver.findElements(By.id("couples"))).isEmpty();
        assertThat(driver.findElements(By.id("notify-button"))).isEmpty();
        assertThat(radio("vue-non-notifies").isSelected()).isTrue();
        screenshot("notification-choisir-mode");

        // they tick « Courrier électronique » and « Document papier », and click « Afficher »
        setTicked("courriel", true);
        setTicked("papier", true);
        clickButton("Afficher");
        waitFor(ExpectedConditions.urlContains("papier=true"));
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("couples")));
        assertThat(driver.getCurrentUrl()).contains("courriel=true", "vue=non-notifies");
        assertThat(driver.findElements(By.id("choose-channel"))).isEmpty();
        assertThat(driver.findElement(By.id("list-title")).getText()).isEqualTo("3 couples élève / responsable à notifier");
        assertThat(headers()).containsExactly("Élève", "Division", "Responsable", "Adresse / courriel");
        // e-mail first, the postal address for the guardian without one
        assertThat(rows()).hasSize(3);
        assertThat(row("Paul")).contains("Léa", "3A", "paul.martin@example.fr");
        assertThat(row("Claire")).contains("Léa", "3A", "3 rue des Écoles 99000 Essai");
        assertThat(row("Anne")).contains("Hugo", "3B", "anne.bernard@example.fr");
        assertThat(driver.findElement(By.id("notify-form")).getText())
                .contains("Le PDF des courriers papier est à enregistrer avant d'être imprimé.");
        screenshot("notification-liste-non-notifies", By.id("list-title"));

        // with « Tous », the date of notification appears (empty: nobody has been notified yet)
        choose("vue-tous");
        clickButton("Afficher");
        waitFor(ExpectedConditions.urlContains("vue=tous"));
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("couples")));
        assertThat(headers()).containsExactly("Élève", "Division", "Responsable", "Adresse / courriel", "Date de notification");
        assertThat(rows()).hasSize(3).allSatisfy(r -> assertThat(r.findElements(By.tagName("td")).get(4).getText()).isEmpty());
        assertThat(checkbox("courriel").isSelected()).isTrue();
        assertThat(checkbox("papier").isSelected()).isTrue();
        screenshot("notification-liste-tous", By.id("list-title"));

        // with « Non notifiés uniquement » again, it does not
        choose("vue-non-notifies");
        clickButton("Afficher");
        waitFor(ExpectedConditions.urlContains("vue=non-notifies"));
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("couples")));
        assertThat(headers()).doesNotContain("Date de notification").hasSize(4);
        assertThat(rows()).hasSize(3);

        // they click « Notifier »: the guide's confirmation says how many couples and by which channels, nothing is sent yet
        clickButton("Notifier");
        waitForHeading("Confirmer la notification");
        assertThat(driver.findElement(By.id("couples-count")).getText()).isEqualTo("3 couples élève / responsable vont être notifiés");
        assertThat(driver.findElement(By.id("by-email")).getText()).isEqualTo("2 par courrier électronique");
        assertThat(driver.findElement(By.id("on-paper")).getText()).isEqualTo("1 par document papier");
        assertThat(smtp.getReceivedMessages()).isEmpty();
        screenshot("notification-confirmation");

        // they confirm: the notification's page follows it
        clickButton("Confirmer et notifier");
        waitFor(ExpectedConditions.urlMatches(JOB_URL.pattern()));
        waitForHeading("Notification des codes responsables");
        Matcher matcher = JOB_URL.matcher(driver.getCurrentUrl());
        assertThat(matcher.find()).isTrue();
        String jobId = matcher.group(1);
        String job = "/etablissements/" + uai + "/notifications/" + jobId;
        assertThat(driver.getCurrentUrl()).isEqualTo(url(job));
        WebElement progress = driver.findElement(By.id("progress"));
        assertThat(progress.getDomAttribute("max")).isEqualTo("3");
        assertThat(progress.getDomProperty("value")).isEqualTo("0");
        assertThat(driver.findElement(By.id("progress-text")).getText()).isEqualTo("0 sur 3 — en cours…");
        assertThat(driver.findElements(By.id("summary"))).isEmpty();
        assertThat(main()).contains("Demandée le ", " par " + Heads.username(uai) + ".");
        assertThat(smtp.getReceivedMessages()).isEmpty();
        screenshot("notification-en-cours");

        // the process runs (the job executor is off in tests: the test runs its jobs), and the page reloads by itself
        // into the summary
        runJobs("code-notification", uai);
        WebElement summary = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("summary")));
        assertThat(summary.findElement(By.id("emailed")).getText()).isEqualTo("Courriels envoyés : 2");
        assertThat(summary.findElement(By.id("printed")).getText()).isEqualTo("Courriers dans le PDF : 1");
        assertThat(summary.findElement(By.id("skipped-count")).getText()).isEqualTo("Couples non notifiés : 0");
        assertThat(driver.findElements(By.id("skipped"))).isEmpty();
        assertThat(driver.findElements(By.id("failure"))).isEmpty();
        assertThat(driver.findElement(By.id("progress-text")).getText()).isEqualTo("3 sur 3 — terminé.");
        assertThat(driver.findElement(By.id("progress")).getDomProperty("value")).isEqualTo("3");
        WebElement pdfLink = driver.findElement(By.cssSelector("#pdf #pdf-link"));
        assertThat(pdfLink.getText()).isEqualTo("Enregistrer le PDF");
        assertThat(pdfLink.getDomAttribute("href")).isEqualTo(job + "/pdf");
        assertThat(driver.getCurrentUrl()).isEqualTo(url(job));
        screenshot("notification-bilan", By.id("summary-title"));

        // the two e-mails left, one to each guardian with an address
        assertThat(smtp.waitForIncomingEmail(5_000, 2)).isTrue();
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(Arrays.stream(mails).map(NotificationBrowserTest::recipient))
                .containsExactlyInAnyOrder("paul.martin@example.fr", "anne.bernard@example.fr");

        // the PDF, saved with the head's session, holds Claire's letter only
        HttpResponse<byte[]> pdf = download(pdfLink.getDomProperty("href"));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String letters = pdfText(pdf.body());
        assertThat(letters).contains("Claire", "MARTIN Claire", "3 rue des Écoles").doesNotContain("MARTIN Paul").doesNotContain("BERNARD");

        // back on « Notifier en masse »: nobody is left to notify with « Non notifiés uniquement »
        sideMenuLink("Notifier en masse").click();
        waitFor(ExpectedConditions.urlToBe(url(page)));
        waitForHeading("Notifier en masse");
        assertThat(driver.findElement(By.id("jobs-title")).getText()).isEqualTo("Dernières notifications");
        WebElement recent = driver.findElement(By.cssSelector("a[href='" + job + "']"));
        assertThat(recent.getText()).endsWith("3 code(s) : 2 courriel(s), 1 courrier(s) papier, 0 non notifié(s)");
        setTicked("courriel", true);
        setTicked("papier", true);
        clickButton("Afficher");
        waitFor(ExpectedConditions.urlContains("papier=true"));
        WebElement empty = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("empty")));
        assertThat(empty.getText()).contains("Aucun code valide à notifier pour cette sélection", "déjà été notifiée");
        assertThat(driver.findElement(By.id("list-title")).getText()).isEqualTo("Aucun couple élève / responsable à notifier");
        assertThat(driver.findElements(By.id("couples"))).isEmpty();
        assertThat(driver.findElements(By.id("notify-button"))).isEmpty();
        screenshot("notification-plus-personne", By.id("list-title"));

        // with « Document papier » only, still nothing to notify
        setTicked("courriel", false);
        clickButton("Afficher");
        // an unticked box is not sent
        waitFor(ExpectedConditions.not(ExpectedConditions.urlContains("courriel=true")));
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("empty")));
        assertThat(checkbox("courriel").isSelected()).isFalse();
        assertThat(checkbox("papier").isSelected()).isTrue();
        assertThat(driver.findElements(By.id("couples"))).isEmpty();
        assertThat(driver.findElements(By.id("notify-button"))).isEmpty();

        // while « Tous » shows the three couples, notified today
        choose("vue-tous");
        clickButton("Afficher");
        waitFor(ExpectedConditions.urlContains("vue=tous"));
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("couples")));
        assertThat(headers()).containsExactly("Élève", "Division", "Responsable", "Adresse", "Date de notification");
        String today = LocalDate.now(clock).format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        assertThat(rows()).hasSize(3).allSatisfy(r -> assertThat(r.findElements(By.tagName("td")).get(4).getText()).isEqualTo(today));
        screenshot("notification-tous-notifies", By.id("list-title"));
    }

    // ------------------------------------------------------------------ helpers

    /** Runs a process's background jobs, as the running application's job executor does: each job creates the next. */
    private void runJobs(String processKey, String uai) {
        for (int round = 0; round < 50; round++) {
            List<Job> jobs = management.createJobQuery().processDefinitionKey(processKey).tenantIdIn(uai).executable().list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(j -> management.executeJob(j.getId()));
        }
        throw new AssertionError("The jobs of " + processKey + " never ended");
    }

    /** A picture of the page scrolled to an element, when it is below the fold. */
    private void screenshot(String name, By element) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'start'})", driver.findElement(element));
        screenshot(name);
    }

    private WebElement sideMenuLink(String label) {
        return waitFor(ExpectedConditions.elementToBeClickable(By.xpath(
                "//nav[contains(@class, 'fr-sidemenu')]//a[normalize-space()=\"" + label + "\"]")));
    }

    private WebElement checkbox(String id) {
        return waitFor(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    private WebElement radio(String id) {
        return waitFor(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    /**
     * Ticks or unticks a box by clicking where it is drawn, as a person does: the DSFR hides the input and draws the
     * box in its place, before the label.
     */
    private void setTicked(String id, boolean ticked) {
        WebElement box = checkbox(id);
        if (box.isSelected() != ticked) {
            new Actions(driver).moveToElement(box).click().perform();
        }
        assertThat(box.isSelected()).as(id).isEqualTo(ticked);
    }

    /** Chooses a radio button by clicking where the DSFR draws it. */
    private void choose(String id) {
        WebElement button = radio(id);
        new Actions(driver).moveToElement(button).click().perform();
        assertThat(button.isSelected()).as(id).isTrue();
    }

    private List<String> headers() {
        return driver.findElements(By.cssSelector("#couples thead th")).stream().map(WebElement::getText).toList();
    }

    private List<WebElement> rows() {
        return driver.findElements(By.cssSelector("#couples tbody tr"));
    }

    /** The text of the only row whose guardian has this first name. */
    private String row(String guardianFirstName) {
        List<String> found = rows().stream().map(WebElement::getText).filter(t -> t.contains(" " + guardianFirstName)).toList();
        assertThat(found).as("rows of %s", guardianFirstName).hasSize(1);
        return found.get(0);
    }

    /** A GET with the browser's session, as « Enregistrer le PDF » does. */
    private HttpResponse<byte[]> download(String address) throws IOException, InterruptedException {
        Cookie session = driver.manage().getCookieNamed("JSESSIONID");
        assertThat(session).as("the browser's session cookie").isNotNull();
        HttpRequest request = HttpRequest.newBuilder(URI.create(address)).timeout(Duration.ofSeconds(30))
                .header("Cookie", session.getName() + "=" + session.getValue()).GET().build();
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                .send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            // the letters print typographic apostrophes and no-break spaces
            return new PDFTextStripper().getText(document).replace('’', '\'').replace('\u00a0', ' ').replace('\u202f', ' ');
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return ((InternetAddress) message.getAllRecipients()[0]).getAddress();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
