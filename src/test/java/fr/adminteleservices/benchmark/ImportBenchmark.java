package fr.adminteleservices.benchmark;

import static fr.adminteleservices.benchmark.Machine.freshDatabase;
import static fr.adminteleservices.benchmark.Machine.gcMillis;
import static fr.adminteleservices.benchmark.Machine.startApplication;

import fr.adminteleservices.establishment.Academy;
import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentKind;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import fr.adminteleservices.establishment.SiecleModule;
import fr.adminteleservices.siecle.ImportReport;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.siecle.generator.SiecleExportGenerator;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Import benchmark on the real MariaDB: generates one establishment's export of N students with
 * their guardians, imports it, then imports it again (a difference with nothing to change), and
 * prints times and the heap's peak. Run: {@code mvn -Pbenchmark verify} (-Dbenchmark.students=50000,
 * heap capped at 512 MB by the profile, -Dbenchmark.heap=192m to try less). Uses the database
 * {@code teleservices_bench} (or -Dbenchmark.database), recreated. Then the guard on departures: an export of a
 * tenth of the students is held (its difference computed in a savepoint and rolled back), then confirmed; and the
 * guard's own work on an import under the thresholds (its two counts) is timed against the re-import.
 */
public final class ImportBenchmark {

    public static void main(String[] args) throws Exception {
        int students = 50_000;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--students")) {
                students = Integer.parseInt(args[i + 1]);
            }
        }
        String url = freshDatabase(System.getProperty("benchmark.database", "teleservices_bench"));
        String uai = "0990001N";
        Path exports = Files.createTempDirectory("bench-export-");
        long t0 = System.nanoTime();
        var generated = new SiecleExportGenerator(7L, 2026).writeEstablishment(exports, 0, uai, students,
                SiecleExportGenerator.GuardianFormat.NIVEAU_RESPONSABILITE, SiecleExportGenerator.Kind.LYCEE);
        long generatedMs = (System.nanoTime() - t0) / 1_000_000;
        long bytes;
        try (Stream<Path> files = Files.list(exports)) {
            bytes = files.mapToLong(p -> p.toFile().length()).sum();
        }

        // a 50,000-student establishment is ten times the largest real one: its files pass the import's size limit
        ConfigurableApplicationContext app = startApplication(url, false, Map.of("teleservices.siecle.max-file-size", "1GB"));
        try {
            EstablishmentService establishments = app.getBean(EstablishmentService.class);
            establishments.createAcademy(new Academy("bench", "Académie de mesure"),
                    new SchoolYear("bench", 2026, LocalDate.of(2026, 9, 1), LocalDate.of(2027, 7, 4), true));
            establishments.register(new Establishment(uai, "bench", "Lycée de mesure", EstablishmentKind.LYCEE, "1 rue",
                    null, "99000", "Mesure", "M. Mesure", List.of(), EnumSet.allOf(SiecleModule.class)));
            SiecleImportService imports = app.getBean(SiecleImportService.class);

            System.out.printf("%nExport: %,d students, %,d persons, %,d links, %.1f MB, generated in %,d ms%n",
                    generated.students(), generated.persons(), generated.links(), bytes / 1e6, generatedMs);
            measure("First import (everything created)", imports, uai, exports);
            long reimport = measure("Re-import (difference, nothing changes)", imports, uai, exports).millis();
            guardCounts(url, uai, reimport);

            // a partial export (a tenth of the students, as a single-division extract would be): held by the guard
            Path partial = Files.createTempDirectory("bench-partial-");
            new SiecleExportGenerator(7L, 2026).writeEstablishment(partial, 0, uai, Math.max(1, students / 10),
                    SiecleExportGenerator.GuardianFormat.NIVEAU_RESPONSABILITE, SiecleExportGenerator.Kind.LYCEE);
            Measured held = measure("Partial export held by the guard (difference computed, rolled back)", imports, uai, partial);
            System.out.printf("  awaitingConfirmation %s, leaving %s of %s present%n", held.report().awaitingConfirmation(),
                    held.report().confirmation().students().leaving(), held.report().confirmation().students().present());
            long start = System.nanoTime();
            ImportReport confirmed = imports.confirm(uai, held.report().confirmation().importId(), "benchmark");
            System.out.printf("Held import confirmed (applied from the kept files): %,d ms; students %s, links %s, "
                            + "CAE invalidated %,d, CAR invalidated %,d%n", (System.nanoTime() - start) / 1_000_000,
                    confirmed.students(), confirmed.links(), confirmed.codes().caesInvalidated(), confirmed.codes().carsInvalidated());
            System.out.printf("Max heap: %,d MB%n%n", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        } finally {
            app.close();
        }
    }

    record Measured(long millis, ImportReport report) {
    }

    /** What the guard adds to an import under the thresholds: counting present students and active links. */
    private static void guardCounts(String url, String uai, long reimportMillis) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(url, "root", "");
             var students = c.prepareStatement("select count(*) from student where uai = ? and left_on is null");
             var links = c.prepareStatement("select count(*) from guardian_link where uai = ? and ended_on is null")) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                for (var q : List.of(students, links)) {
                    q.setString(1, uai);
                    try (var rs = q.executeQuery()) {
                        rs.next();
                    }
                }
                best = Math.min(best, System.nanoTime() - start);
            }
            System.out.printf("Guard's own work on an import under the thresholds (two counts, best of 5): %.1f ms, "
                    + "%.2f %% of the re-import%n", best / 1e6, 100.0 * best / 1e6 / reimportMillis);
        }
    }

    private static Measured measure(String label, SiecleImportService imports, String uai, Path exports) throws Exception {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long gcBefore = gcMillis();
        List<SiecleImportService.Upload> uploads;
        try (Stream<Path> files = Files.list(exports)) {
            uploads = files.sorted().map(p -> new SiecleImportService.Upload(p.getFileName().toString(),
                    () -> Files.newInputStream(p))).toList();
        }
        long start = System.nanoTime();
        ImportReport report = imports.importExports(uai, uploads, "benchmark");
        long ms = (System.nanoTime() - start) / 1_000_000;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        // the sum of the pools' peaks counts garbage not yet collected: the smallest -Xmx that passes is the real bound
        System.out.printf("%s: %,d ms; students %s, guardians %s, links %s, rejected %d; heap pools' peaks %,d MB; GC %,d ms%n",
                label, ms, report.students(), report.guardians(), report.links(), report.rejected().size(),
                peak / (1024 * 1024), gcMillis() - gcBefore);
        return new Measured(ms, report);
    }

}
