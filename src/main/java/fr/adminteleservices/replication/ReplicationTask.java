package fr.adminteleservices.replication;

import java.time.Clock;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Répliquer les établissements" of {@code processes/replication.bpmn}. */
@Component("replicationTask")
class ReplicationTask implements JavaDelegate {

    /** Who started a run the timer fired. */
    static final String TIMER = "minuterie";

    private final ReplicationService replication;
    private final Clock clock;

    ReplicationTask(ReplicationService replication, Clock clock) {
        this.replication = replication;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object by = execution.getVariable("startedBy");
        ReplicationRun run = replication.replicate(LocalDate.now(clock), by instanceof String s ? s : TIMER,
                execution.getProcessInstanceId());
        execution.setVariable("runId", run.id());
        execution.setVariable("establishments", run.establishments());
        execution.setVariable("students", run.students());
        execution.setVariable("guardians", run.guardians());
        execution.setVariable("links", run.links());
        execution.setVariable("durationMs", run.durationMs());
    }
}
