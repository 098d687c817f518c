package fr.adminteleservices.browser;

import static fr.adminteleservices.support.SiecleFixtures.LATIN9;
import static fr.adminteleservices.support.SiecleFixtures.division;
import static fr.adminteleservices.support.SiecleFixtures.eleve;
import static fr.adminteleservices.support.SiecleFixtures.eleves;
import static fr.adminteleservices.support.SiecleFixtures.newEstablishment;
import static org.assertj.core.api.Assertions.assertThat;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.support.H2Test;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Camunda's Tasklist and Cockpit as a head of establishment opens them from the application: in French, in the
 * workstation's time zone, without Camunda's end-of-life banner, and the establishment's task ready to be done
 * without « Réclamer ».
 */
@H2Test
class CamundaWebappsBrowserTest extends BrowserTest {

    static final String COLLEGE = "0990001N";
    static final String HEAD = "chef." + COLLEGE;
    /** Tasklist and Cockpit load about 5 MB of scripts, then the task's form: slow on a busy test machine. */
    static final Duration WEBAPP_LOAD = Duration.ofSeconds(60);

    @Autowired
    ProcessEngine engine;
    @Autowired
    EstablishmentService establishments;

    @Test
    void aHeadCompletesTheRejectsTaskInFrenchTasklistWithoutClaimingItAndOpensTheReportFromIt() {
        // given an import of the collège whose records were partly rejected, on a French workstation
        driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Europe/Paris"));
        String reportUrl = "/etablissements/" + COLLEGE + "/imports/navigateur-" + System.nanoTime();
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceByKey("siecle-import")
                .processDefinitionWithoutTenantId().businessKey("navigateur-" + System.nanoTime())
                .setVariable("uai", COLLEGE).setVariable("importId", "navigateur").setVariable("rejectedCount", 3)
                .setVariable("reportUrl", reportUrl)
                .startBeforeActivity("ExaminerRejets").execute();
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
        // the collège has one head: the task is theirs from the start
        assertThat(task.getAssignee()).isEqualTo(HEAD);

        // when the head opens the task in Tasklist
        logIn(HEAD);
        waitForHeading("Accueil");
        open("/camunda/app/tasklist/default/#/?task=" + task.getId());
        WebElement report = new WebDriverWait(driver, WEBAPP_LOAD)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("rapport-import")));

        // then Tasklist speaks French, names the time zone of the dates, and shows no « migrate to Camunda 8 » banner
        String page = driver.findElement(By.tagName("body")).getText();
        assertThat(page).contains("Démarrer un processus", "Examiner les enregistrements rejetés",
                "Dates et heures affichées dans le fuseau horaire : Europe/Paris", "3 enregistrement(s)");
        assertThat(page).doesNotContain("Camunda 8", "Start process", "Claim", "Réclamer");
        assertThat(driver.findElements(By.cssSelector(".ce-eol-banner"))).allSatisfy(b -> assertThat(b.isDisplayed()).isFalse());
        // and the report's address is a link
        assertThat(report.getText()).contains("Ouvrir le rapport d'import");
        assertThat(report.getAttribute("href")).isEqualTo(url(reportUrl));

        // when they tick the box and click « Terminer », without claiming anything
        driver.findElement(By.name("rejetsExamines")).click();
        clickButton("Terminer");

        // then the process ends, completed by them
        new WebDriverWait(driver, WEBAPP_LOAD).until(d -> engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(pi.getId()).count() == 0);
        assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult()
                .getDeleteReason()).isEqualTo("completed");
    }

    @Test
    void aHeadSeesTheHeldImportFromTheConfirmationTaskAndCancelsItByDefault() {
        // given an import of the collège held because it would make 28 of 30 students leave
        String importId = "garde-" + System.nanoTime();
        String reportUrl = "/etablissements/" + COLLEGE + "/imports/" + importId;
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceByKey("siecle-import")
                .processDefinitionWithoutTenantId().businessKey(importId)
                .setVariable("uai", COLLEGE).setVariable("importId", importId).setVariable("reportUrl", reportUrl)
                .setVariable("motifConfirmation", "fait partir 28 élèves").setVariable("studentsLeaving", 28L)
                .setVariable("studentsPresent", 30L).setVariable("linksEnding", 51L).setVariable("delaiReponse", "P7D")
                .startBeforeActivity("ConfirmerImport").execute();
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();

        // when the head opens the task in Tasklist
        logIn(HEAD);
        waitForHeading("Accueil");
        open("/camunda/app/tasklist/default/#/?task=" + task.getId());
        WebElement held = new WebDriverWait(driver, WEBAPP_LOAD)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("import-en-attente")));

        // then the figures are said and the held import is a link
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("Confirmer un import qui fait partir 28 élèves",
                "Rien n'a encore été modifié", "28 élève(s) sur 30", "51 lien(s)");
        assertThat(held.getAttribute("href")).isEqualTo(url(reportUrl));

        // when they click « Terminer » without ticking « Appliquer cet import »
        clickButton("Terminer");

        // then the import is cancelled, by their decision (not by the delay)
        new WebDriverWait(driver, WEBAPP_LOAD).until(d -> engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(pi.getId()).count() == 0);
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName("confirmed").singleResult().getValue()).isEqualTo(false);
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId("AnnulerImport").count()).isEqualTo(1);
    }

    @Test
    void theFrenchConfigurationLocalesAndStylesAreServedToTasklistAndCockpit() {
        logIn(HEAD);
        waitForHeading("Accueil");
        for (String app : List.of("tasklist", "cockpit")) {
            String base = "/camunda/app/" + app;
            assertThat(fetch(base + "/scripts/config.js")).startsWith("200 ").contains("fallbackLocale: 'fr'");
            assertThat(fetch(base + "/styles/user-styles.css")).startsWith("200 ").contains(".ce-eol-banner").contains("display: none");
            assertThat(fetch(base + "/locales/fr.json")).startsWith("200 ").contains("\"SIGN_OUT_ACTION\": \"Se déconnecter\"")
                    .contains("\"BANNER_CE_EOL_TEXT\": \"\"").contains("\"janvier\"");
        }
        assertThat(fetch("/camunda/app/tasklist/locales/fr.json")).contains("\"CLAIM_TASK\": \"Réclamer\"", "\"COMPLETE\": \"Terminer\"");
        assertThat(fetch("/camunda/app/tasklist/forms/examiner-rejets.html")).startsWith("200 ").contains("ng-href=\"{{ reportUrl }}\"");
        assertThat(fetch("/camunda/app/tasklist/forms/confirmer-import.html")).startsWith("200 ").contains("ng-href=\"{{ reportUrl }}\"");

        // and Cockpit opens in French
        open("/camunda/app/cockpit/default/");
        new WebDriverWait(driver, WEBAPP_LOAD)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Instances de processus en cours"));
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("Définitions de processus")
                .doesNotContain("Camunda 8", "Process Definitions");
    }

    @Test
    void anImportWithoutRejectionSaysThereIsNothingToExamineInTasklist(@TempDir Path exports) throws IOException {
        String uai = newEstablishment(establishments);
        Path file = exports.resolve("ElevesSansAdresses.xml");
        Files.write(file, eleves(uai, eleve("78000001", "Dupré", "Chloé", "03/04/2012", ""), division("78000001", "3A"))
                .getBytes(LATIN9));
        logIn("academie");
        open("/etablissements/" + uai + "/imports");
        waitForHeading("Importer les exports SIECLE");
        driver.findElement(By.id("files")).sendKeys(file.toAbsolutePath().toString());
        clickButton("Importer");

        waitForHeading("Rapport d’import SIECLE");
        assertThat(driver.findElement(By.cssSelector("main .fr-alert--success")).getText())
                .contains("Import terminé sans rejet").contains("Aucun enregistrement rejeté : rien à examiner dans Tasklist.");
    }

    /** The status and body of a GET made by the page, with the signed-in session. */
    private String fetch(String path) {
        return String.valueOf(driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text().then(t => done(r.status + ' ' + t)))"
                + ".catch(e => done('error ' + e));", path));
    }
}
