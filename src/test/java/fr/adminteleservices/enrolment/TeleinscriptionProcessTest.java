package fr.adminteleservices.enrolment;

import static fr.adminteleservices.support.SiecleFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.H2Test;
import fr.adminteleservices.support.SiecleFixtures;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * processes/teleinscription.bpmn, path by path: the options chosen then confirmed; going back from the
 * confirmation; the end of the school year closing an unfinished enrolment. Started as the portal starts it
 * (OnlineEnrolment.start), for one assignment of the assignment results.
 */
@H2Test
class TeleinscriptionProcessTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    SiecleImportService imports;
    @Autowired
    Teleinscription teleinscription;
    @Autowired
    AssignmentResults results;
    @Autowired
    JdbcTemplate jdbc;

    String lycee;
    long assignmentId;
    Date closesAt;

    @BeforeEach
    void anAssignmentInProgress() {
        init(engine);
        String college = SiecleFixtures.newEstablishment(establishments);
        lycee = SiecleFixtures.newEstablishment(establishments);
        jdbc.update("update establishment set kind = 'LYCEE' where uai = ?", lycee);
        String n = college.substring(0, 7);
        imports.importExports(college, Families.of(college).student(n + "1", "Martin", "Léa", "03/04/2012", "3A").exports(), "test");
        imports.importExports(lycee, List.of(upload("Nomenclature.xml", EnrolmentContract.nomenclature(lycee))), "test");
        SchoolYear year = establishments.currentSchoolYear("demo").orElseThrow();
        teleinscription.configure("demo", year.startsOn(), List.of(college, lycee), "test");
        AssignmentResults.Report report = results.importCsv("demo", ("UAI_COLLEGE;ELEVE_ID;UAI_LYCEE;CODE_MEF\n" + college + ";" + n + "1;"
                + lycee + ";" + EnrolmentContract.SECONDE + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(report.created()).isEqualTo(1);
        assignmentId = jdbc.queryForObject("select id from enrolment_assignment where college_uai = ?", Long.class, college);
        closesAt = Date.from(year.endsOn().plusDays(1).atStartOfDay(OnlineEnrolment.PARIS).toInstant());
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    ProcessInstance start() {
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey(OnlineEnrolment.PROCESS, lycee + ":" + assignmentId,
                Map.of("uai", lycee, "assignmentId", assignmentId, "closesAt", closesAt, "accountId", 1L));
        jdbc.update("update enrolment_assignment set state = 'IN_PROGRESS', process_instance_id = ? where id = ?", pi.getId(), assignmentId);
        return pi;
    }

    @Test
    void theOptionsChosenThenConfirmedAreRecordedAndTheEnrolmentIsCompleted() {
        ProcessInstance pi = start();
        assertThat(pi.getTenantId()).isEqualTo(lycee);
        // the analyst's file processes/teleinscription.bpmn, by its process id
        assertThat(OnlineEnrolment.PROCESS).isEqualTo("teleinscription");
        BpmnAwareTests.assertThat(pi).isWaitingAt("ChoisirOptions");

        complete(task(pi), withVariables("choices", "EXPLORATION-1=076700,EXPLORATION-2=061100,OPTIONAL=020700"));
        BpmnAwareTests.assertThat(pi).isWaitingAt("ConfirmerInscription");
        complete(task(pi), withVariables("confirmed", true));

        BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EnregistrerInscription", "InscriptionTerminee").hasNotPassed("CloreInscription");
        assertThat(state()).isEqualTo("COMPLETED");
        assertThat(jdbc.queryForList("select category, label from enrolment_choice where assignment_id = ? order by category, label",
                assignmentId)).containsExactly(
                Map.of("CATEGORY", "EXPLORATION", "LABEL", "Méthodes et pratiques scientifiques"),
                Map.of("CATEGORY", "EXPLORATION", "LABEL", "Sciences économiques et sociales"),
                Map.of("CATEGORY", "OPTIONAL", "LABEL", "Latin"));
    }

    @Test
    void forgedOptionsAreNotRecordedWhoeverCompletedTheTasks() {
        ProcessInstance pi = start();
        // the portal checks the choices; here they reach the process without it, as through the engine's API
        complete(task(pi), withVariables("choices", "a=FORGED,b=<b>x</b>"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> complete(task(pi), withVariables("confirmed", true)))
                .isInstanceOf(EnrolmentRefused.class).hasMessageContaining("ne sont pas celles que propose le lycée");

        BpmnAwareTests.assertThat(pi).isWaitingAt("ConfirmerInscription");
        assertThat(state()).isEqualTo("IN_PROGRESS");
        assertThat(jdbc.queryForObject("select count(*) from enrolment_choice where assignment_id = ?", Integer.class, assignmentId)).isZero();
    }

    @Test
    void goingBackFromTheConfirmationReturnsToTheOptions() {
        ProcessInstance pi = start();
        complete(task(pi), withVariables("choices", "EXPLORATION-1=076700,EXPLORATION-2=071200"));
        complete(task(pi), withVariables("confirmed", false));

        BpmnAwareTests.assertThat(pi).isWaitingAt("ChoisirOptions");
        assertThat(state()).isEqualTo("IN_PROGRESS");
        complete(task(pi), withVariables("choices", "EXPLORATION-1=076800,EXPLORATION-2=013300"));
        complete(task(pi), withVariables("confirmed", true));

        BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EnregistrerInscription");
        assertThat(jdbc.queryForList("select subject_code from enrolment_choice where assignment_id = ? order by subject_code",
                String.class, assignmentId)).containsExactly("013300", "076800");
    }

    @Test
    void theEndOfTheSchoolYearClosesAnUnfinishedEnrolment() {
        ProcessInstance pi = start();
        complete(task(pi), withVariables("choices", "EXPLORATION-1=076700,EXPLORATION-2=071200"));
        BpmnAwareTests.assertThat(pi).isWaitingAt("ConfirmerInscription");
        assertThat(job(pi).getDuedate()).isEqualTo(closesAt);

        ClockUtil.setCurrentTime(Date.from(closesAt.toInstant().plusSeconds(60)));
        execute(job(pi));

        BpmnAwareTests.assertThat(pi).isEnded().hasPassed("CloreInscription", "InscriptionClose").hasNotPassed("EnregistrerInscription");
        assertThat(state()).isEqualTo("NOT_STARTED");
        assertThat(jdbc.queryForObject("select process_instance_id from enrolment_assignment where id = ?", String.class, assignmentId)).isNull();
        assertThat(jdbc.queryForObject("select count(*) from enrolment_choice where assignment_id = ?", Integer.class, assignmentId)).isZero();
    }

    String state() {
        return jdbc.queryForObject("select state from enrolment_assignment where id = ?", String.class, assignmentId);
    }
}
