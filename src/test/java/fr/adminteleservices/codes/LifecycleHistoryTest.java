package fr.adminteleservices.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import fr.adminteleservices.support.H2Test;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/** The history level of the application: full, without the code lifecycles' variable details and timer bookkeeping. */
@H2Test
class LifecycleHistoryTest extends OneCoupleWithItsCodes {

    @Test
    void theEngineRunsTheLightLevelUnderFullHistorysId() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();

        assertThat(configuration.getHistoryLevel().getName()).isEqualTo(LifecycleHistory.NAME);
        // what the database records: a database written at full history starts with this level, and back
        assertThat(engine.getManagementService().getProperties()).containsEntry("historyLevel", "3");
    }

    @Test
    void aCarLifecycleKeepsItsInstanceActivitiesAndVariablesButNoDetailsNorTimerBookkeeping() {
        ProcessInstance pi = start("car-lifecycle", "CAR-", carId);
        engine.getRuntimeService().createMessageCorrelation("car-invalide").processInstanceBusinessKey("CAR-" + carId)
                .setVariable("invalidationReason", "Nouveau code").correlate();

        HistoryService history = engine.getHistoryService();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).finished().count()).isOne();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pi.getId()).list())
                .extracting("activityId").contains("CodeCree", "EnAttente", "CodeInvalide", "FinCodeInvalide");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).list())
                .extracting(HistoricVariableInstance::getName, HistoricVariableInstance::getValue)
                .containsExactlyInAnyOrder(tuple("uai", uai),
                        tuple("codeId", carId),
                        tuple("invalidationReason", "Nouveau code"));
        assertThat(history.createHistoricDetailQuery().processInstanceId(pi.getId()).count()).isZero();
        // the year's timer was created, then deleted with the lifecycle: neither is logged
        assertThat(history.createHistoricJobLogQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    void aCaeLifecycleHasNoVariableDetailsEither() {
        ProcessInstance pi = start("cae-lifecycle", "CAE-", caeId);

        HistoryService history = engine.getHistoryService();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).count()).isEqualTo(2);
        assertThat(history.createHistoricDetailQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(history.createHistoricJobLogQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    void theExpiryOfACodeIsInTheJobLog() {
        ProcessInstance pi = start("car-lifecycle", "CAR-", carId);

        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(367))));
        execute(job(pi));

        assertThat(engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(pi.getId()).list())
                .extracting(HistoricJobLog::isSuccessLog, HistoricJobLog::getActivityId)
                .containsExactly(tuple(true, "UnAnSansCompte"));
    }

    @Test
    void otherProcessesKeepFullHistory() {
        // the generation of the set-up started its bookkeeping process, whose first step waits for the job executor
        ProcessInstance generation = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(CodeLifecycles.GENERATION_PROCESS).tenantIdIn(uai).variableValueEquals("kind", "CAR")
                .singleResult();

        HistoryService history = engine.getHistoryService();
        assertThat(history.createHistoricDetailQuery().processInstanceId(generation.getId()).variableUpdates().list())
                .extracting("variableName").containsExactlyInAnyOrder("uai", "generationId", "kind");
        assertThat(history.createHistoricJobLogQuery().processInstanceId(generation.getId()).creationLog().count()).isOne();
    }
}
