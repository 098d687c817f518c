package fr.adminteleservices.siecle;

import static fr.adminteleservices.support.SiecleFixtures.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.support.SiecleFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** processes/siecle-import.bpmn, one test per path, on H2 and on MariaDB. */
abstract class SiecleImportProcessContract {

    static final String PROCESS = "siecle-import";

    @Autowired
    ProcessEngine engine;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    fr.adminteleservices.enrolment.Teleinscription teleinscription;

    String uai;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @BeforeEach
    void setUp() {
        init(engine);
        uai = SiecleFixtures.newEstablishment(establishments);
    }

    ProcessInstance start(Path exports) {
        return engine.getRuntimeService().createProcessInstanceByKey(PROCESS)
                .setVariable("uai", uai)
                .setVariable("importId", UUID.randomUUID().toString())
                .setVariable("importedBy", "test")
                .setVariable("exportDirectory", exports.toString())
                .execute();
    }

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

    // ------------------------------------------------------------ the guard on mass departures (issue 14)

    /** 30 students, then an export of 2: 28 would leave, over max(10 %, 20). */
    ProcessInstance startMassDeparture() {
        StringBuilder all = new StringBuilder();
        StringBuilder divisions = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            all.append(eleve(String.valueOf(i), "Élève" + i, "Léa", "03/04/2012", ""));
            divisions.append(division(String.valueOf(i), i % 2 == 0 ? "3A" : "3B"));
        }
        assertThat(start(stage(upload("ElevesSansAdresses.xml", eleves(uai, all.toString(), divisions.toString())))))
                .isEnded().hasNotPassed("ConfirmerImport");
        return start(stage(upload("ElevesSansAdresses.xml", eleves(uai,
                eleve("1", "Élève1", "Léa", "03/04/2012", "") + eleve("2", "Élève2", "Léa", "03/04/2012", ""),
                division("1", "3B") + division("2", "3A")))));
    }

    int present() {
        return jdbc.queryForObject("select count(*) from student where uai = ? and left_on is null", Integer.class, uai);
    }

    String pendingState(ProcessInstance pi) {
        return jdbc.queryForObject("select state from siecle_import_pending where process_instance_id = ?", String.class,
                pi.getId());
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

    /** A week and a minute later, the timer cancels the held import: nothing applied, the import expired. */
    void expiresSevenDaysAfter(Instant now, ProcessInstance pi) {
        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofDays(7)).plusSeconds(60)));
        execute(job(pi));

        assertThat(pi).isEnded().hasPassed("DelaiDepasse", "AnnulerImport", "ImportAnnule").hasNotPassed("AppliquerImportConfirme");
        org.assertj.core.api.Assertions.assertThat(pendingState(pi)).isEqualTo("EXPIRED");
    }

    // ------------------------------------------------------------ options of an open téléinscription (issue 14, point 5)

    int options() {
        return jdbc.queryForObject("select count(*) from mef_programme where uai = ? and modality in ('O', 'F')",
                Integer.class, uai);
    }

    /** A full profile applied, the téléinscription opened for the establishment, then a Nomenclature without options. */
    ProcessInstance startOptionsRemoval() {
        assertThat(start(stage(upload("Nomenclature.xml", SiecleImportGuardContract.fullProfile(uai))))).isEnded();
        teleinscription.configure("demo", establishments.currentSchoolYear("demo").orElseThrow().startsOn(), java.util.List.of(uai), "test");
        return start(stage(upload("Nomenclature.xml", SiecleImportGuardContract.profileWithoutOptions(uai))));
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

    // ------------------------------------------------------------ planned exits (issue 14, point 6)

    @Test
    void aPlannedExitKeepsTheStudentPresentUntilItsDayThenTheNightlyRunMakesThemLeave() {
        Instant now = Instant.now();
        ClockUtil.setCurrentTime(Date.from(now));
        java.time.LocalDate exitDay = java.time.LocalDate.now().plusDays(10);
        String exit = exitDay.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        ProcessInstance pi = start(stage(upload("ElevesSansAdresses.xml", eleves(uai,
                eleve("1", "Martin", "Léa", "03/04/2012", "<DATE_SORTIE>" + exit + "</DATE_SORTIE>")
                        + eleve("2", "Petit", "Hugo", "03/04/2012", ""),
                division("1", "3A") + division("2", "3A")))));
        assertThat(pi).isEnded();
        org.assertj.core.api.Assertions.assertThat(present()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(validCae("1")).isTrue();

        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofDays(11))));
        org.camunda.bpm.engine.runtime.Job nightly = engine.getManagementService().createJobQuery()
                .processDefinitionKey("siecle-planned-exits").timers().singleResult();
        execute(nightly);

        String run = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("siecle-planned-exits")
                .orderByProcessInstanceStartTime().desc().list().get(0).getId();
        org.assertj.core.api.Assertions.assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(run).activityId("SortiesAppliquees").count()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(jdbc.queryForObject(
                "select left_on from student where uai = ? and eleve_id = '1'", java.time.LocalDate.class, uai)).isEqualTo(exitDay);
        org.assertj.core.api.Assertions.assertThat(present()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(validCae("1")).isFalse();
        org.assertj.core.api.Assertions.assertThat(validCae("2")).isTrue();
    }

    boolean validCae(String eleveId) {
        return jdbc.queryForObject("select count(*) from student_code c join student s on s.id = c.valid_student_id "
                + "where s.uai = ? and s.eleve_id = ?", Integer.class, uai, eleveId) == 1;
    }
}
