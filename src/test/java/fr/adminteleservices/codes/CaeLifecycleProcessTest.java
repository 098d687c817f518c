package fr.adminteleservices.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import fr.adminteleservices.support.H2Test;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/** processes/cae-lifecycle.bpmn, path by path. */
@H2Test
class CaeLifecycleProcessTest extends OneCoupleWithItsCodes {

    static final String CAE = "cae-lifecycle";

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
