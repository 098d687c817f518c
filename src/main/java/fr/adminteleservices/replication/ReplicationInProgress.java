package fr.adminteleservices.replication;

import java.time.ZoneId;
import org.camunda.bpm.engine.BadUserRequestException;
import java.time.format.DateTimeFormatter;

/**
 * Another replication runs (on this node or another): one at a time across the cluster. An answer (409), not a
 * failure: it is thrown inside the engine's command (the replication task), and as a {@link BadUserRequestException}
 * the engine logs it at DEBUG. As a plain RuntimeException, every replication asked while another ran wrote an ERROR
 * « ENGINE-16004 Exception while closing command context » with its stack trace (TwoNodeClusterTest).
 */
public class ReplicationInProgress extends BadUserRequestException {

    private final ReplicationRun running;

    ReplicationInProgress(ReplicationRun running) {
        super(message(running));
        this.running = running;
    }

    /** The run in progress, null when it is not readable (it has just started or just ended). */
    public ReplicationRun running() {
        return running;
    }

    private static String message(ReplicationRun run) {
        if (run == null) {
            return "Une réplication est en cours : attendez qu'elle se termine.";
        }
        String at = run.startedAt().atZone(ZoneId.of("Europe/Paris")).format(DateTimeFormatter.ofPattern("dd/MM/yyyy à H' h 'mm"));
        return "Une réplication est en cours (lancée par " + run.startedBy() + " le " + at + ") : " + run.establishmentsDone()
                + " établissement(s) sur " + run.establishmentsTotal() + " copiés. Attendez qu'elle se termine.";
    }
}
