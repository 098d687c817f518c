package fr.adminteleservices.siecle;

import static fr.adminteleservices.support.SiecleFixtures.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/** processes/siecle-import.bpmn, one test per path, on H2 and on MariaDB. */
abstract class SiecleImportProcessContract extends SiecleProcesses {

    @Test
    void anImportWithoutRejectionEndsAtOnce() {
        Path exports = stage(upload("ElevesSansAdresses.xml",
                eleves(uai, eleve("1", "Martin", "Léa", "03/04/2012", ""), division("1", "3A"))));

        ProcessInstance pi = start(exports);

        assertThat(pi).isEnded().hasPassed("ExportsDeposes", "AppliquerDifference", "RejetsPresents", "ImportTermine")
                .hasNotPassed("ExaminerRejets");
        assertThat(pi).variables().containsEntry("studentsCreated", 1).containsEntry("rejectedCount", 0);
    }

    @Test
    void rejectedRecordsGiveTheHeadsOfTheEstablishmentATaskInTasklist() {
        Path exports = stage(upload("ElevesSansAdresses.xml", eleves(uai,
                eleve("1", "Martin", "Léa", "03/04/2012", "") + eleve("2", "Sans", "Naissance", "", ""),
                division("1", "3A"))));

        ProcessInstance pi = start(exports);

        assertThat(pi).isWaitingAt("ExaminerRejets").task().hasCandidateGroup("heads");
        org.assertj.core.api.Assertions.assertThat(task().getTenantId()).isEqualTo(uai);
        org.assertj.core.api.Assertions.assertThat(pi.getTenantId()).isEqualTo(uai);
        assertThat(pi).variables().containsEntry("rejectedCount", 1)
                .containsEntry("reportUrl", "/etablissements/" + uai + "/imports/"
                        + engine.getRuntimeService().getVariable(pi.getId(), "importId"));

        complete(task(), withVariables("rejetsExamines", true));

        assertThat(pi).isEnded().hasPassed("RejetsExamines");
    }

    @Test
    void aRefusedFileLeavesNoProcessInstanceBehind() {
        Path exports = stage(upload("ElevesSansAdresses.xml",
                eleves("0750654D", eleve("1", "Martin", "Léa", "03/04/2012", ""), division("1", "3A"))));
        long before = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS).count();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(exports)).isInstanceOf(SiecleFormatException.class);

        org.assertj.core.api.Assertions.assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(PROCESS).count()).isEqualTo(before);
    }

    @Test
    void aMassDepartureWaitsForTheHeadsOfTheEstablishmentThenIsAppliedWhenConfirmed() {
        ProcessInstance pi = startMassDeparture();

        assertThat(pi).isWaitingAt("ConfirmerImport").task()
                .hasName("Confirmer un import qui fait partir 28 élèves").hasCandidateGroup("heads");
        org.assertj.core.api.Assertions.assertThat(task().getTenantId()).isEqualTo(uai);
        assertThat(pi).variables().containsEntry("studentsLeaving", 28).containsEntry("studentsPresent", 30)
                .containsEntry("awaitingConfirmation", true);
        org.assertj.core.api.Assertions.assertThat(present()).isEqualTo(30);
        org.assertj.core.api.Assertions.assertThat(pendingState(pi)).isEqualTo("AWAITING_CONFIRMATION");

        complete(task(pi), withVariables("confirmed", true));

        assertThat(pi).isEnded().hasPassed("AppliquerImportConfirme", "ImportTermine").hasNotPassed("AnnulerImport");
        org.assertj.core.api.Assertions.assertThat(present()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(pendingState(pi)).isEqualTo("CONFIRMED");
    }

    @Test
    void aCancelledImportEndsWithoutChangingAnything() {
        ProcessInstance pi = startMassDeparture();

        complete(task(pi), withVariables("confirmed", false));

        assertThat(pi).isEnded().hasPassed("AnnulerImport", "ImportAnnule").hasNotPassed("AppliquerImportConfirme");
        org.assertj.core.api.Assertions.assertThat(present()).isEqualTo(30);
        org.assertj.core.api.Assertions.assertThat(pendingState(pi)).isEqualTo("CANCELLED");
    }

    @Test
    void withoutAnAnswerInSevenDaysTheImportIsCancelled() {
        Instant now = Instant.now();
        ClockUtil.setCurrentTime(Date.from(now));
        ProcessInstance pi = startMassDeparture();
        org.assertj.core.api.Assertions.assertThat(job(pi).getDuedate().toInstant())
                .isBetween(now.plus(Duration.ofDays(7)).minusSeconds(5), now.plus(Duration.ofDays(7)).plusSeconds(5));

        expiresSevenDaysAfter(now, pi);

        org.assertj.core.api.Assertions.assertThat(present()).isEqualTo(30);
    }

    @Test
    void aNomenclatureRemovingOpenOptionsWaitsAtTheSameTaskThenIsAppliedWhenConfirmed() {
        ProcessInstance pi = startOptionsRemoval();

        assertThat(pi).isWaitingAt("ConfirmerImport").task()
                .hasName("Confirmer un import qui retire 2 options de la téléinscription ouverte").hasCandidateGroup("heads");
        assertThat(pi).variables().containsEntry("awaitingConfirmation", true).containsEntry("studentsLeaving", 0)
                .containsEntry("optionsRetirees", "Anglais (MEF 20010017110), Latin (MEF 20010017110)");
        org.assertj.core.api.Assertions.assertThat(options()).isEqualTo(2);

        complete(task(pi), withVariables("confirmed", true));

        assertThat(pi).isEnded().hasPassed("AppliquerImportConfirme", "ImportTermine").hasNotPassed("AnnulerImport");
        org.assertj.core.api.Assertions.assertThat(options()).isZero();
        org.assertj.core.api.Assertions.assertThat(pendingState(pi)).isEqualTo("CONFIRMED");
    }

    @Test
    void aNomenclatureRemovingOpenOptionsIsCancelledWithoutAnAnswerInSevenDays() {
        Instant now = Instant.now();
        ClockUtil.setCurrentTime(Date.from(now));
        ProcessInstance pi = startOptionsRemoval();
        assertThat(pi).isWaitingAt("ConfirmerImport");

        expiresSevenDaysAfter(now, pi);

        org.assertj.core.api.Assertions.assertThat(options()).isEqualTo(2);
    }
}
