package fr.adminteleservices.siecle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports an establishment's SIECLE exports by running the {@code siecle-import} process
 * synchronously: all of it in one transaction, so a refused file leaves the data as it was.
 */
@Service
public class SiecleImportService {

    public static final String PROCESS_KEY = "siecle-import";

    /** One uploaded file: its original name and a way to read it. */
    public record Upload(String fileName, InputStreamSupplier content) {
    }

    @FunctionalInterface
    public interface InputStreamSupplier {
        InputStream open() throws IOException;
    }

    private final RuntimeService runtime;
    private final SiecleImporter importer;

    SiecleImportService(RuntimeService runtime, SiecleImporter importer) {
        this.runtime = runtime;
        this.importer = importer;
    }

    @Transactional
    public ImportReport importExports(String uai, List<Upload> uploads, String importedBy) {
        Path directory = stage(uploads);
        try {
            importer.precheck(uai, SiecleImportTask.list(directory));
            String importId = UUID.randomUUID().toString();
            // The service task runs in this thread and transaction (no async continuation), so the
            // staged directory is still there when it reads it, and a failure rolls everything back.
            runtime.createProcessInstanceByKey(PROCESS_KEY)
                    .processDefinitionWithoutTenantId()
                    .businessKey(importId)
                    .setVariable("uai", uai)
                    .setVariable("importId", importId)
                    .setVariable("importedBy", importedBy)
                    .setVariable("exportDirectory", directory.toString())
                    .execute();
            return importer.report(uai, importId).orElseThrow();
        } finally {
            delete(directory);
        }
    }

    public Optional<ImportReport> report(String uai, String importId) {
        return importer.report(uai, importId);
    }

    public List<ImportSummary> recentImports(String uai) {
        return importer.recentImports(uai);
    }

    private static Path stage(List<Upload> uploads) {
        if (uploads == null || uploads.isEmpty()) {
            throw new SiecleFormatException("Aucun fichier reçu : déposez au moins un export SIECLE.");
        }
        try {
            Path directory = Files.createTempDirectory("siecle-import-");
            Set<String> names = new HashSet<>();
            for (Upload upload : uploads) {
                String name = safeName(upload.fileName());
                String unique = name;
                for (int i = 2; !names.add(unique); i++) {
                    unique = name.replaceFirst("(\\.[^.]*)?$", " (" + i + ")$1");
                }
                Path target = directory.resolve(unique);
                try (InputStream in = upload.content().open()) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (Files.size(target) == 0) {
                    delete(directory);
                    throw new SiecleFormatException("Le fichier « " + unique + " » est vide.");
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stage the uploaded exports", e);
        }
    }

    /** The original name without any path, and nothing a file system could misread. */
    static String safeName(String original) {
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[^\\p{L}\\p{N} ._()-]", "_").strip();
        if (name.isEmpty() || name.startsWith(".")) {
            name = "export" + name + ".xml";
        }
        return name.length() > 90 ? name.substring(name.length() - 90) : name;
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
