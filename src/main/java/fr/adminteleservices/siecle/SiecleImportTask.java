package fr.adminteleservices.siecle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Service tasks « Lire les exports et appliquer la différence » and « Appliquer l'import confirmé » of
 * {@code processes/siecle-import.bpmn}. Runs in the transaction of the caller that started the process
 * (or completed the confirmation): a refused file rolls everything back. The first pass runs in a
 * savepoint under the guard on departures; when the guard trips, the savepoint is rolled back, the
 * files are kept and the process waits for the head's confirmation.
 */
@Component("siecleImportTask")
class SiecleImportTask implements JavaDelegate {

    private final SiecleImporter importer;
    private final PendingImports pending;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate savepoint;

    SiecleImportTask(SiecleImporter importer, PendingImports pending, ApplicationEventPublisher events,
                     PlatformTransactionManager transactions) {
        this.importer = importer;
        this.pending = pending;
        this.events = events;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public void execute(DelegateExecution execution) {
        String uai = (String) execution.getVariable("uai");
        // the business key when there is one (every import the application starts): unlike a variable, it cannot be
        // changed through the engine's API while the import waits for its confirmation
        String importId = execution.getProcessBusinessKey() != null ? execution.getProcessBusinessKey()
                : (String) execution.getVariable("importId");
        String importedBy = (String) execution.getVariable("importedBy");
        if (Boolean.TRUE.equals(execution.getVariable("confirmed"))) {
            applyConfirmed(execution, uai, importId, importedBy);
            return;
        }
        List<SiecleImporter.ExportFile> files = list(Path.of((String) execution.getVariable("exportDirectory")));
        ImportGuard guard = guard(execution);
        try {
            ImportReport report = savepoint.execute(t ->
                    importer.apply(importId, uai, files, importedBy, execution.getProcessInstanceId(), guard));
            applied(execution, uai, importId, importedBy, report);
        } catch (GuardTripped held) {
            Duration timeout = Duration.parse(String.valueOf(execution.getVariable("delaiReponse")));
            pending.hold(held, importedBy, files, execution.getProcessInstanceId(), timeout);
            execution.setVariable("awaitingConfirmation", true);
            execution.setVariable("studentsPresent", held.studentsPresent);
            execution.setVariable("studentsLeaving", held.wouldDo.students().left());
            execution.setVariable("linksPresent", held.linksPresent);
            execution.setVariable("linksEnding", held.wouldDo.links().left());
            execution.setVariable("motifConfirmation", ImportReport.Confirmation.motif(held.wouldDo.students().left(),
                    held.studentThreshold, held.optionsRemoved));
            execution.setVariable("optionsRetirees", ImportReport.Confirmation.optionsText(held.optionsRemoved));
            execution.setVariable("rejectedCount", 0);
            execution.setVariable("reportUrl", "/etablissements/" + uai + "/imports/" + importId);
        }
    }

    /** The head confirmed (API, import screen or Tasklist): the kept files are applied as they are. */
    private void applyConfirmed(DelegateExecution execution, String uai, String importId, String importedBy) {
        Path directory = pending.stageFiles(importId);
        try {
            ImportReport report = importer.apply(importId, uai, list(directory), importedBy, execution.getProcessInstanceId());
            pending.decide(importId, PendingImports.CONFIRMED, decidedBy(execution));
            applied(execution, uai, importId, importedBy, report);
        } finally {
            SiecleImportService.delete(directory);
        }
    }

    private void applied(DelegateExecution execution, String uai, String importId, String importedBy, ImportReport report) {
        SiecleImported imported = new SiecleImported(uai, importId, importedBy);
        events.publishEvent(imported);
        importer.recordCodeEffects(importId, imported.codes());
        execution.setVariable("awaitingConfirmation", false);
        execution.setVariable("studentsCreated", report.students().created());
        execution.setVariable("studentsUpdated", report.students().updated());
        execution.setVariable("studentsLeft", report.students().left());
        execution.setVariable("guardiansCreated", report.guardians().created());
        execution.setVariable("linksCreated", report.links().created());
        execution.setVariable("rejectedCount", report.rejected().size());
        execution.setVariable("reportUrl", "/etablissements/" + uai + "/imports/" + importId);
    }

    /** The thresholds are inputs of the task in the BPMN (seuilPart, seuilMinimum), so an analyst can change them. */
    private static ImportGuard guard(DelegateExecution execution) {
        Object share = execution.getVariable("seuilPart");
        Object minimum = execution.getVariable("seuilMinimum");
        return new ImportGuard(share == null ? ImportGuard.DEFAULT.share() : Double.parseDouble(share.toString()),
                minimum == null ? ImportGuard.DEFAULT.minimum() : Integer.parseInt(minimum.toString()));
    }

    /** Who answered: the API passes it; from Tasklist, the engine's authenticated user. */
    static String decidedBy(DelegateExecution execution) {
        Object by = execution.getVariable("decidedBy");
        if (by instanceof String s && !s.isBlank()) {
            return s;
        }
        Authentication auth = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return auth != null ? auth.getUserId() : null;
    }

    static List<SiecleImporter.ExportFile> list(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).sorted()
                    .map(p -> new SiecleImporter.ExportFile(p.getFileName().toString(), p)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
