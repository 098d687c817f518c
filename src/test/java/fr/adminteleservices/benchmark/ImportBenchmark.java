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
 * {@code teleservices_bench}, recreated.
 */
public final class ImportBenchmark {

    public static void main(String[] args) throws Exception {
        int students = 50_000;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--students")) {
                students = Integer.parseInt(args[i + 1]);
            }
        }
        String url = freshDatabase("teleservices_bench");
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

        ConfigurableApplicationContext app = startApplication(url, false, Map.of());
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
            measure("Re-import (difference, nothing changes)", imports, uai, exports);
            System.out.printf("Max heap: %,d MB%n%n", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        } finally {
            app.close();
        }
    }

    private static void measure(String label, SiecleImportService imports, String uai, Path exports) throws Exception {
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
    }

}
