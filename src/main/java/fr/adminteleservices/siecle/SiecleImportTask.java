package fr.adminteleservices.siecle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Service task "Appliquer la différence" of {@code processes/siecle-import.bpmn}. Runs in the
 * transaction of the caller that started the process: a refused file rolls everything back.
 */
@Component("siecleImportTask")
class SiecleImportTask implements JavaDelegate {

    private final SiecleImporter importer;
    private final ApplicationEventPublisher events;

    SiecleImportTask(SiecleImporter importer, ApplicationEventPublisher events) {
        this.importer = importer;
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String uai = (String) execution.getVariable("uai");
        String importId = (String) execution.getVariable("importId");
        String importedBy = (String) execution.getVariable("importedBy");
        Path directory = Path.of((String) execution.getVariable("exportDirectory"));
        ImportReport report = importer.apply(importId, uai, list(directory), importedBy, execution.getProcessInstanceId());
        events.publishEvent(new SiecleImported(uai, importId, importedBy));
        execution.setVariable("studentsCreated", report.students().created());
        execution.setVariable("studentsUpdated", report.students().updated());
        execution.setVariable("studentsLeft", report.students().left());
        execution.setVariable("guardiansCreated", report.guardians().created());
        execution.setVariable("linksCreated", report.links().created());
        execution.setVariable("rejectedCount", report.rejected().size());
        execution.setVariable("reportUrl", "/etablissements/" + uai + "/imports/" + importId);
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
