package fr.adminteleservices.codes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * History level {@value #NAME} ({@code camunda.bpm.history-level}): Camunda's full history, except two kinds of
 * rows of the code lifecycles ({@code car-lifecycle}, {@code cae-lifecycle}), one instance per code, 900,000 CARs at
 * the national peak:
 * <ul>
 *   <li>the variable details ({@code ACT_HI_DETAIL}): a lifecycle sets each of its variables once, so its
 *       historic variables ({@code ACT_HI_VARINST}, kept) already say all the details would;</li>
 *   <li>the job log of the year's timer being created, and deleted when the code is used or invalidated first
 *       ({@code ACT_HI_JOB_LOG}); its execution and failures are still logged.</li>
 * </ul>
 * Two of the about fifteen rows a lifecycle writes at its start, and the next's CPU (CodeGenerationBenchmark).
 * Everything else is full history: the instance, its activities (how it ended) and variables, and every other process.
 * Same id as Camunda's full level, so a database recorded at full history starts with this one and back.
 */
@Component
class LifecycleHistory extends AbstractProcessEnginePlugin implements HistoryLevel {

    static final String NAME = "full-light-code-lifecycles";
    private static final Set<String> LIFECYCLES = Set.of(CodeLifecycles.CAR_PROCESS, CodeLifecycles.CAE_PROCESS);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> custom = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomHistoryLevels());
        custom.add(this);
        configuration.setCustomHistoryLevels(custom);
    }

    @Override
    public int getId() {
        return HistoryLevel.HISTORY_LEVEL_FULL.getId();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        // at deployment the engine asks without an entity: say yes, the instance decides at run time
        if (eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL && entity instanceof HistoryEvent event) {
            return !LIFECYCLES.contains(event.getProcessDefinitionKey());
        }
        if ((eventType == HistoryEventTypes.JOB_CREATE || eventType == HistoryEventTypes.JOB_DELETE) && entity instanceof Job job) {
            return !LIFECYCLES.contains(job.getProcessDefinitionKey());
        }
        return true;
    }
}
