package fr.adminteleservices.siecle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task « Annuler l'import » of {@code processes/siecle-import.bpmn}: the head cancelled
 * ({@code confirmed = false}) or nobody answered in time (the timer). Nothing was applied; the kept
 * files are deleted.
 */
@Component("siecleImportCancellation")
class SiecleImportCancellation implements JavaDelegate {

    private final PendingImports pending;

    SiecleImportCancellation(PendingImports pending) {
        this.pending = pending;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean cancelled = Boolean.FALSE.equals(execution.getVariable("confirmed"));
        // the business key, not a variable: a variable can be set through the engine's API while the import waits
        pending.decide(execution.getProcessBusinessKey() != null ? execution.getProcessBusinessKey()
                        : (String) execution.getVariable("importId"),
                cancelled ? PendingImports.CANCELLED : PendingImports.EXPIRED,
                cancelled ? SiecleImportTask.decidedBy(execution) : null);
    }
}
