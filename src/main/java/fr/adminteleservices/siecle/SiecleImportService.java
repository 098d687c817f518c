package fr.adminteleservices.siecle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports an establishment's SIECLE exports by running the {@code siecle-import} process
 * synchronously: all of it in one transaction, so a refused file leaves the data as it was. One import
 * at a time per establishment ({@link ImportClaims}); an import that would make too many students leave
 * waits for the head's confirmation, which {@link #confirm} and {@link #cancel} give.
 */
@Service
public class SiecleImportService {

    public static final String PROCESS_KEY = "siecle-import";
    static final String CONFIRMATION_TASK = "ConfirmerImport";

    /** One uploaded file: its original name and a way to read it. */
    public record Upload(String fileName, InputStreamSupplier content) {
    }

    @FunctionalInterface
    public interface InputStreamSupplier {
        InputStream open() throws IOException;
    }

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final SiecleImporter importer;
    private final PendingImports pending;
    private final ImportClaims claims;
    private final TransactionTemplate transaction;
    private final long maxFileSize;

    SiecleImportService(RuntimeService runtime, TaskService tasks, SiecleImporter importer, PendingImports pending,
                        ImportClaims claims, PlatformTransactionManager transactions,
                        SiecleProperties properties) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.importer = importer;
        this.pending = pending;
        this.claims = claims;
        this.transaction = new TransactionTemplate(transactions);
        this.maxFileSize = properties.maxFileSize().toBytes();
    }

    /**
     * Applies the exports, or holds them for the head's confirmation ({@code awaitingConfirmation}). The
     * files are staged and the establishment claimed before the transaction starts: a second import of the
     * same establishment is refused at once, holding no database connection.
     */
    public ImportReport importExports(String uai, List<Upload> uploads, String importedBy) {
        Path directory = stage(uploads, maxFileSize);
        try (ImportClaims.Claim claim = claims.claim(uai)) {
            return transaction.execute(t -> start(uai, directory, importedBy));
        } finally {
            delete(directory);
        }
    }

    private ImportReport start(String uai, Path directory, String importedBy) {
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
        return report(uai, importId).orElseThrow();
    }

    /** The head confirms a held import: it is applied as it would have been, and its report returned. */
    public ImportReport confirm(String uai, String importId, String by) {
        return answer(uai, importId, by, true);
    }

    /** The head cancels a held import: nothing changes; its state is returned. */
    public ImportReport cancel(String uai, String importId, String by) {
        return answer(uai, importId, by, false);
    }

    private ImportReport answer(String uai, String importId, String by, boolean confirmed) {
        try (ImportClaims.Claim claim = claims.claim(uai)) {
            return transaction.execute(t -> {
                ImportRows.PendingRow held = pending.find(uai, importId).orElseThrow(() -> new UnknownImportException(importId));
                if (!PendingImports.AWAITING.equals(held.state())) {
                    throw new ImportDecidedException(held.state());
                }
                Task task = tasks.createTaskQuery().processInstanceId(held.processInstanceId())
                        .taskDefinitionKey(CONFIRMATION_TASK).singleResult();
                if (task == null) {
                    throw new ImportDecidedException(held.state());
                }
                tasks.complete(task.getId(), Map.of("confirmed", confirmed, "decidedBy", by));
                return report(uai, importId).orElseThrow();
            });
        }
    }

    /** An applied import's report, or a held one's state. */
    public Optional<ImportReport> report(String uai, String importId) {
        Optional<ImportReport> applied = importer.report(uai, importId);
        return applied.isPresent() ? applied : pending.find(uai, importId).map(pending::report);
    }

    /** Held imports still waiting for an answer, newest first. */
    public List<ImportReport> awaitingConfirmation(String uai) {
        return pending.awaiting(uai);
    }

    public List<ImportSummary> recentImports(String uai) {
        return importer.recentImports(uai);
    }

    /** 404: no import of that id in the establishment. */
    static class UnknownImportException extends RuntimeException {
        UnknownImportException(String importId) {
            super("Import inconnu : " + importId + ".", null, false, false);
        }
    }

    /** 409: the held import was already confirmed, cancelled or expired. */
    static class ImportDecidedException extends RuntimeException {
        ImportDecidedException(String state) {
            super(switch (state) {
                case PendingImports.CONFIRMED -> "Cet import a déjà été confirmé et appliqué.";
                case PendingImports.CANCELLED -> "Cet import a été annulé : rien n'a été modifié. Déposez de nouveau les fichiers si besoin.";
                case PendingImports.EXPIRED -> "Cet import a été annulé faute de réponse dans le délai : rien n'a été modifié.";
                default -> "Cet import n'attend plus de confirmation.";
            }, null, false, false);
        }
    }

    private static Path stage(List<Upload> uploads, long maxFileSize) {
        if (uploads == null || uploads.isEmpty()) {
            throw new SiecleFormatException("Aucun fichier reçu : déposez au moins un export SIECLE.");
        }
        Path directory;
        try {
            directory = Files.createTempDirectory("siecle-import-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stage the uploaded exports", e);
        }
        try {
            Set<String> names = new HashSet<>();
            for (Upload upload : uploads) {
                String name = safeName(upload.fileName());
                String unique = name;
                for (int i = 2; !names.add(unique); i++) {
                    unique = name.replaceFirst("(\\.[^.]*)?$", " (" + i + ")$1");
                }
                Path target = directory.resolve(unique);
                try (InputStream in = upload.content().open()) {
                    copyAtMost(in, target, maxFileSize, unique);
                }
                if (Files.size(target) == 0) {
                    throw new SiecleFormatException("Le fichier « " + unique + " » est vide.");
                }
            }
            return directory;
        } catch (IOException e) {
            delete(directory);
            throw new UncheckedIOException("Cannot stage the uploaded exports", e);
        } catch (RuntimeException e) {
            delete(directory);
            throw e;
        }
    }

    /** A real export is a few MB: a far larger file is refused as soon as the limit is passed, not read to its end. */
    private static void copyAtMost(InputStream in, Path target, long max, String name) throws IOException {
        try (var out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > max) {
                    throw new SiecleFileTooLargeException("Le fichier « " + name + " » dépasse " + (max / (1024 * 1024))
                            + " Mo : ce n'est pas un export SIECLE (le plus gros établissement en fait quelques Mo). "
                            + "Import refusé, aucune donnée n'a été modifiée.");
                }
                out.write(buffer, 0, n);
            }
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

    static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
