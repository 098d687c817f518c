package fr.adminteleservices.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.H2Test;
import fr.adminteleservices.support.SiecleFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * processes/car-lifecycle.bpmn and processes/cae-lifecycle.bpmn, path by path, started on their own
 * for one code (the generation process starts them in the application).
 */
@H2Test
class CodeLifecycleProcessTest {

    static final String CAR = "car-lifecycle";
    static final String CAE = "cae-lifecycle";

    @Autowired
    ProcessEngine engine;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    SiecleImportService imports;
    @Autowired
    ServiceOpening opening;
    @Autowired
    GuardianCodes guardianCodes;
    @Autowired
    JdbcTemplate jdbc;

    String uai;
    long carId;
    long caeId;

    @BeforeEach
    void oneCoupleWithItsCodes() {
        init(engine);
        uai = SiecleFixtures.newEstablishment(establishments);
        imports.importExports(uai, Families.of(uai).student("1", "Martin", "Léa", "03/04/2012", "3A")
                .guardian("10", "M.", "Martin", "Paul", "1").exports(), "test");
        opening.declare(uai, "test");
        opening.setOpen(uai, "NOTES", true, "test");
        guardianCodes.generate(uai, null, true, null, null, "test");
        carId = jdbc.queryForObject("select id from guardian_code where uai = ? and valid_link_id is not null", Long.class, uai);
        caeId = jdbc.queryForObject("select id from student_code where uai = ? and valid_student_id is not null", Long.class, uai);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    ProcessInstance start(String process, String prefix, long codeId) {
        return engine.getRuntimeService().startProcessInstanceByKey(process, prefix + codeId, Map.of("uai", uai, "codeId", codeId));
    }

    void correlate(String message, String businessKey) {
        engine.getRuntimeService().createMessageCorrelation(message).processInstanceBusinessKey(businessKey).correlate();
    }

    @Test
    void aCarWaitsForItsAccountAndEndsWhenOneIsCreated() {
        ProcessInstance pi = start(CAR, "CAR-", carId);

        assertThat(pi).isWaitingAt("EnAttente").variables().containsOnlyKeys("uai", "codeId");
        assertThat(pi.getTenantId()).isEqualTo(uai);
        Date due = job(pi).getDuedate();
        assertThat(Duration.between(Instant.now(), due.toInstant())).isBetween(Duration.ofDays(364), Duration.ofDays(367));

        correlate("car-utilise", "CAR-" + carId);

        assertThat(pi).isEnded().hasPassed("CompteCree", "CodeUtilise").hasNotPassed("InvaliderCodeExpire");
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    void anInvalidatedCarEndsItsLifecycle() {
        ProcessInstance pi = start(CAR, "CAR-", carId);

        correlate("car-invalide", "CAR-" + carId);

        assertThat(pi).isEnded().hasPassed("CodeInvalide", "FinCodeInvalide").hasNotPassed("CompteCree", "UnAnSansCompte");
    }

    @Test
    void aCarWithoutAccountAfterAYearIsInvalidated() {
        ProcessInstance pi = start(CAR, "CAR-", carId);

        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(367))));
        execute(job(pi));

        assertThat(pi).isEnded().hasPassed("UnAnSansCompte", "InvaliderCodeExpire", "CodeExpire");
        assertThat(pi).variables().containsEntry("expired", true);
        Map<String, Object> code = jdbc.queryForMap("select valid_link_id, invalidation_reason from guardian_code where id = ?", carId);
        assertThat(code.values()).containsExactly(null, LifecycleTasks.EXPIRED);
    }

    @Test
    void aCaeEndsWithItsAccountOrItsInvalidation() {
        ProcessInstance used = start(CAE, "CAE-", caeId);
        correlate("cae-utilise", "CAE-" + caeId);
        assertThat(used).isEnded().hasPassed("CompteCree", "CodeUtilise");

        ProcessInstance invalidated = start(CAE, "CAE-", caeId);
        correlate("cae-invalide", "CAE-" + caeId);
        assertThat(invalidated).isEnded().hasPassed("CodeInvalide", "FinCodeInvalide");
    }

    @Test
    void anExpiredCaeIsReplacedAndTheNewOneStartsItsOwnLifecycle() {
        ProcessInstance pi = start(CAE, "CAE-", caeId);

        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(367))));
        execute(job(pi));

        assertThat(pi).isEnded().hasPassed("UnAnSansCompte", "InvaliderCodeExpire", "CodeExpire");
        long replacement = ((Number) engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId()).variableName("replacementCodeId").singleResult().getValue()).longValue();
        assertThat(jdbc.queryForObject("select valid_student_id is not null from student_code where id = ?", Boolean.class,
                replacement)).isTrue();
        assertThat(jdbc.queryForObject("select invalidation_reason from student_code where id = ?", String.class, caeId))
                .isEqualTo(LifecycleTasks.EXPIRED);
        ProcessInstance next = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(CAE)
                .processInstanceBusinessKey("CAE-" + replacement).singleResult();
        assertThat(next).isWaitingAt("EnAttente");
    }
}
