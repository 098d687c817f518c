package fr.adminteleservices.codes;

import static fr.adminteleservices.support.Heads.headOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * processes/code-generation.bpmn: the lifecycles of a generation's codes started in the background, and taken over by the
 * sweep when the node writing the generation died; on H2 and MariaDB.
 */
abstract class CodeGenerationProcessContract extends EstablishmentWithCouples {

    @Test
    void eachCodeGetsItsLifecycleInTheBackgroundAndExpiresAfterAYearWithoutAccount() throws Exception {
        String answer = generate("{\"all\":true}").andReturn().getResponse().getContentAsString();
        String generationId = JsonPath.read(answer, "$.generationId");
        mvc.perform(get(base() + "/code-generations/" + generationId).with(headOf(uai)))
                .andExpect(jsonPath("$.codes").value(3)).andExpect(jsonPath("$.lifecyclesStarted").value(0))
                .andExpect(jsonPath("$.done").value(false));

        runGenerationJobs();

        mvc.perform(get(base() + "/code-generations/" + generationId).with(headOf(uai)))
                .andExpect(jsonPath("$.lifecyclesStarted").value(3)).andExpect(jsonPath("$.done").value(true));
        long codeId = jdbc.queryForObject("select id from guardian_code where valid_link_id = ?", Long.class, linkOf("10"));
        ProcessInstance lifecycle = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey("CAR-" + codeId).singleResult();
        assertThat(lifecycle).isWaitingAt("EnAttente").variables().containsOnlyKeys("uai", "codeId");
        org.assertj.core.api.Assertions.assertThat(lifecycle.getTenantId()).isEqualTo(uai);

        // a year and a day later, without an account, the timer invalidates it
        ClockUtil.setCurrentTime(Date.from(clock.instant().plus(Duration.ofDays(367))));
        execute(job(lifecycle));

        assertThat(lifecycle).isEnded().hasPassed("UnAnSansCompte", "InvaliderCodeExpire", "CodeExpire");
        assertThat(jdbc.queryForObject("select invalidation_reason from guardian_code where id = ?", String.class, codeId))
                .isEqualTo(LifecycleTasks.EXPIRED);
        // a new code ends the lifecycle of the one it replaces
        long other = jdbc.queryForObject("select id from guardian_code where valid_link_id = ?", Long.class, linkOf("11"));
        ProcessInstance replaced = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey("CAR-" + other).singleResult();
        mvc.perform(post(base() + "/guardian-links/" + linkOf("11") + "/codes").with(headOf(uai))).andExpect(status().isCreated());
        assertThat(replaced).isEnded().hasPassed("CodeInvalide", "FinCodeInvalide");
    }

    /**
     * Issue 17, point 3: the node writing a generation died after its codes were committed and before
     * their lifecycles' process started (here: that process is gone), and it meant to write more. At
     * the sweep (start-up, then on a timer) the generation is taken over once: each code written gets
     * its lifecycle, and the progress ends at the codes actually written, not « 0 sur N » for ever.
     */
    @Test
    void theCodesOfAGenerationWhoseNodeDiedGetTheirLifecyclesFromTheSweep() throws Exception {
        String answer = generate("{\"all\":true}").andReturn().getResponse().getContentAsString();
        String generationId = JsonPath.read(answer, "$.generationId");
        ProcessInstance starter = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("code-generation")
                .processInstanceBusinessKey(generationId).singleResult();
        engine.getRuntimeService().deleteProcessInstance(starter.getId(), "test: the node died before starting it");
        jdbc.update("update code_generation set codes = 6998 where id = ?", generationId);
        // a recent generation may still be written by its node: it is left alone
        org.assertj.core.api.Assertions.assertThat(sweep.sweep()).isZero();
        mvc.perform(get(base() + "/code-generations/" + generationId).with(headOf(uai)))
                .andExpect(jsonPath("$.codes").value(6998)).andExpect(jsonPath("$.lifecyclesStarted").value(0));
        jdbc.update("update code_generation set requested_at = ? where id = ?",
                java.sql.Timestamp.from(clock.instant().minus(Duration.ofHours(1))), generationId);

        org.assertj.core.api.Assertions.assertThat(sweep.sweep()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(sweep.sweep()).as("taken over once").isZero();
        runGenerationJobs();

        mvc.perform(get(base() + "/code-generations/" + generationId).with(headOf(uai)))
                .andExpect(jsonPath("$.codes").value(3)).andExpect(jsonPath("$.lifecyclesStarted").value(3))
                .andExpect(jsonPath("$.done").value(true));
        for (Long codeId : jdbc.queryForList("select id from guardian_code where generation_id = ?", Long.class, generationId)) {
            org.assertj.core.api.Assertions.assertThat(engine.getRuntimeService().createProcessInstanceQuery()
                    .processDefinitionKey("car-lifecycle").processInstanceBusinessKey("CAR-" + codeId).count()).isEqualTo(1);
        }
    }
}
