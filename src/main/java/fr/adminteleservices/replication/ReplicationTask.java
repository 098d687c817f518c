package fr.adminteleservices.replication;

import java.time.Clock;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Répliquer les établissements" of {@code processes/replication.bpmn}. */
@Component("replicationTask")
class ReplicationTask implements JavaDelegate {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReplicationTask.class);
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
        ReplicationRun run;
        try {
            run = replication.replicate(LocalDate.now(clock), by instanceof String s ? s : TIMER, execution.getProcessInstanceId());
        } catch (ReplicationInProgress running) {
            if (by instanceof String) {
                throw running; // asked by an administrator: they get the answer (409) and the run's progress
            }
            // the night's timer while another run copies: that run does the work
            log.info("Nightly replication skipped: {}", running.getMessage());
            execution.setVariable("skipped", true);
            return;
        }
        execution.setVariable("runId", run.id());
        execution.setVariable("establishments", run.establishments());
        execution.setVariable("students", run.students());
        execution.setVariable("guardians", run.guardians());
        execution.setVariable("links", run.links());
        execution.setVariable("durationMs", run.durationMs());
    }
}
