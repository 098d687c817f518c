package fr.adminteleservices.replication;

import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

/** Starts {@code processes/replication.bpmn} by hand: the run happens in the caller's thread. */
@Service
public class Replication {

    public static final String PROCESS = "replication";
    /** The message start event "Lancée par un administrateur d'académie" (a timer start excludes a none start). */
    public static final String REQUESTED = "replication-demandee";

    private final RuntimeService runtime;
    private final ReplicationService service;

    Replication(RuntimeService runtime, ReplicationService service) {
        this.runtime = runtime;
        this.service = service;
    }

    /**
     * Runs the replication now and returns when it has finished; {@link ReplicationInProgress} when
     * another one runs (its process instance is then not kept).
     */
    public ReplicationRun runNow(String startedBy) {
        try {
            ProcessInstance pi = runtime.startProcessInstanceByMessage(REQUESTED, Map.of("startedBy", startedBy));
            return service.runOfProcess(pi.getId());
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ReplicationInProgress running) {
                    throw running;
                }
            }
            throw e;
        }
    }
}
