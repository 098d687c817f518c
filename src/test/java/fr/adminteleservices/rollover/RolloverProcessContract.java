package fr.adminteleservices.rollover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import fr.adminteleservices.catalogue.Catalogue;
import fr.adminteleservices.establishment.Academy;
import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentKind;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import fr.adminteleservices.establishment.SiecleModule;
import fr.adminteleservices.establishment.Uai;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.opening.ServiceState;
import fr.adminteleservices.settings.SettingsService;
import fr.adminteleservices.settings.SettingsUpdate;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * processes/rollover.bpmn (O4), on H2 and MariaDB. Each test has an académie of its own, so that
 * closing every service does not disturb the other tests.
 */
abstract class RolloverProcessContract {

    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 100_000));

    @Autowired
    ProcessEngine engine;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    Catalogue catalogue;
    @Autowired
    ServiceOpening opening;
    @Autowired
    SettingsService settings;

    String academy;
    String uai;

    @BeforeEach
    void academyWithAnOpenEstablishment() {
        init(engine);
        int n = NEXT.incrementAndGet();
        academy = "zbascule" + n;
        establishments.createAcademy(new Academy(academy, "Académie d'essai " + n),
                new SchoolYear(academy, 2026, LocalDate.of(2026, 9, 1), LocalDate.of(2027, 7, 4), true));
        catalogue.updateService(academy, "NOTES", true, false, null, "test");
        catalogue.updateService(academy, "ABSENCES", true, false, null, "test");
        int number = 980_000 + n % 9_999;
        uai = String.format("%07d", number) + Uai.checkLetter(number);
        establishments.register(new Establishment(uai, academy, "Lycée d'essai", EstablishmentKind.LYCEE, null, null, null,
                null, null, List.of(), EnumSet.allOf(SiecleModule.class)));
        opening.declare(uai, "test");
        opening.setOpen(uai, "NOTES", true, "test");
        opening.setOpen(uai, "ABSENCES", true, "test");
        settings.update(uai, SettingsUpdate.welcomeMessage("Bonne année scolaire"), "test");
    }

    ProcessInstance start() {
        return engine.getRuntimeService().startProcessInstanceByMessage("bascule-demandee",
                Map.of("academyCode", academy, "startedBy", "test"));
    }

    static Date day(int year, int month, int dayOfMonth) {
        return RolloverTasks.toDate(LocalDate.of(year, month, dayOfMonth));
    }

    @Test
    void theAdministratorConfirmsTheDatesAndEveryServiceCloses() {
        ProcessInstance pi = start();

        assertThat(pi).isWaitingAt("ConfirmerDates").task().hasCandidateGroup("academy-admins");
        assertThat(pi).variables().containsEntry("currentYear", "2026-2027").containsEntry("newYear", "2027-2028")
                .containsEntry("startsOn", day(2027, 9, 1)).containsEntry("endsOn", day(2028, 7, 4));

        complete(task(), withVariables("confirmed", true, "startsOn", day(2027, 9, 2), "endsOn", day(2028, 7, 6)));

        assertThat(pi).isEnded().hasPassed("Basculer", "BasculeFaite").hasNotPassed("BasculeAbandonnee");
        SchoolYear year = establishments.currentSchoolYear(academy).orElseThrow();
        assertThat(year.startYear()).isEqualTo(2027);
        assertThat(year.startsOn()).isEqualTo(LocalDate.of(2027, 9, 2));
        assertThat(year.endsOn()).isEqualTo(LocalDate.of(2028, 7, 6));
        assertThat(opening.states(uai)).noneMatch(ServiceState::open);
        assertThat(opening.declaredAt(uai)).as("the establishment still uses the services").isPresent();
        assertThat(settings.latest(uai).welcomeMessage()).as("settings are kept (O5)").isEqualTo("Bonne année scolaire");
    }

    @Test
    void aMandatoryServiceIsOpenAgainRightAfterTheRollover() {
        catalogue.updateService(academy, "ABSENCES", true, true, null, "test");
        ProcessInstance pi = start();

        complete(task(pi), withVariables("confirmed", true, "startsOn", day(2027, 9, 2), "endsOn", day(2028, 7, 6)));

        assertThat(pi).isEnded().hasPassed("Basculer", "BasculeFaite");
        assertThat(pi).variables().containsEntry("servicesClosed", 2).containsEntry("mandatoryReopened", 1);
        assertThat(opening.isOpen(uai, "NOTES")).as("closed by the rollover").isFalse();
        assertThat(opening.isOpen(uai, "ABSENCES")).as("mandatory in the académie: open again at once").isTrue();
    }

    @Test
    void refusedDatesSendTheAdministratorBackToTheTask() {
        ProcessInstance pi = start();

        complete(task(pi), withVariables("confirmed", true, "startsOn", day(2027, 9, 1), "endsOn", day(2027, 8, 1)));

        assertThat(pi).isWaitingAt("ConfirmerDates").hasPassed("DatesRefusees");
        assertThat(pi).variables().containsEntry("refusal", "La fin de l'année scolaire doit suivre son début, moins de 13 mois après.");
        assertThat(establishments.currentSchoolYear(academy).orElseThrow().startYear()).isEqualTo(2026);
        assertThat(opening.isOpen(uai, "NOTES")).isTrue();
    }

    @Test
    void theAdministratorMayAbandonIt() {
        ProcessInstance pi = start();

        complete(task(pi), withVariables("confirmed", false));

        assertThat(pi).isEnded().hasPassed("BasculeAbandonnee").hasNotPassed("Basculer");
        assertThat(establishments.currentSchoolYear(academy).orElseThrow().startYear()).isEqualTo(2026);
        assertThat(opening.isOpen(uai, "NOTES")).isTrue();
    }

    @Test
    void theSummerTimerStartsItOnTheTwentiethOfAugust() {
        Job timer = engine.getManagementService().createJobQuery().processDefinitionKey("rollover").timers().singleResult();
        ZonedDateTime due = timer.getDuedate().toInstant().atZone(ZoneId.systemDefault());
        assertThat(due.getMonthValue()).isEqualTo(8);
        assertThat(due.getDayOfMonth()).isEqualTo(20);
        assertThat(due.getHour()).isEqualTo(6);
        long before = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("rollover").count();

        execute(timer);

        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("rollover")
                .orderByProcessInstanceId().desc().list().stream()
                .filter(p -> "demo".equals(engine.getRuntimeService().getVariable(p.getId(), "academyCode")))
                .findFirst().orElseThrow();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("rollover").count())
                .isEqualTo(before + 1);
        assertThat(pi).isWaitingAt("ConfirmerDates");
        // the installation's académie is not rolled over by a test: abandon
        complete(task(pi), withVariables("confirmed", false));
        assertThat(pi).isEnded().hasPassed("ChaqueEte", "BasculeAbandonnee");
    }
}
