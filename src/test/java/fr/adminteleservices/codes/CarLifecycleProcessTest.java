package fr.adminteleservices.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import fr.adminteleservices.support.H2Test;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/** processes/car-lifecycle.bpmn, path by path. */
@H2Test
class CarLifecycleProcessTest extends OneCoupleWithItsCodes {

    static final String CAR = "car-lifecycle";

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
}
