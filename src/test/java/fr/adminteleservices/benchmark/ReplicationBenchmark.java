package fr.adminteleservices.benchmark;

import static fr.adminteleservices.benchmark.Machine.databaseUrl;
import static fr.adminteleservices.benchmark.Machine.deleteTree;
import static fr.adminteleservices.benchmark.Machine.freshDatabase;
import static fr.adminteleservices.benchmark.Machine.loadAverage;
import static fr.adminteleservices.benchmark.Machine.mariaDbVersion;
import static fr.adminteleservices.benchmark.Machine.startApplication;

import fr.adminteleservices.catalogue.Catalogue;
import fr.adminteleservices.catalogue.NationalService;
import fr.adminteleservices.establishment.Academy;
import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentKind;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import fr.adminteleservices.establishment.SiecleModule;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.replication.Replication;
import fr.adminteleservices.replication.ReplicationRun;
import fr.adminteleservices.siecle.ImportReport;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.siecle.generator.SiecleExportGenerator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Replication benchmark on the real MariaDB (127.0.0.1:3306, root without password), database
 * {@code teleservices_replication_bench}, dropped and recreated.
 *
 * <ol>
 *   <li>Set-up (timed apart): an académie with a current school year and M establishments (collèges and
 *       lycées in turn, both guardian formats in turn), N students in total. Each establishment's SIECLE
 *       exports are written by {@link SiecleExportGenerator} and imported by {@link SiecleImportService}, as a
 *       real import would. The académie opens Fiche de renseignements (mandatory), Notes and Absences;
 *       every establishment declares the téléservices ({@link ServiceOpening#declare}, which opens the
 *       mandatory one) and opens Notes and Absences: three services each.</li>
 *   <li>Three replications through {@link Replication#runNow} (the BPMN process): the first on empty
 *       {@code ts_*} tables, then two re-runs which must copy the same counts (idempotent). Each prints its
 *       wall time, counts, rows per second (students + guardians + links) and the process's RSS and heap.</li>
 *   <li>Checks: the counts equal those computed independently on the administrative side, and
 *       {@code select count(*)} of every {@code ts_*} table equals them after the runs. Exit status 1 otherwise.</li>
 * </ol>
 *
 * <p>Run it alone (compiles, then runs only this execution of the {@code benchmark} profile):
 * <pre>
 * mvn -B -Pbenchmark -DskipTests -DskipFrontend=true test-compile exec:exec@replication-benchmark
 * </pre>
 * or with the import benchmark before it: {@code mvn -B -Pbenchmark verify -DskipTests -DskipFrontend=true}.
 * Sizes: {@code -Dbenchmark.replication.students=200000 -Dbenchmark.replication.establishments=80} (the
 * defaults); the heap is the profile's {@code -Dbenchmark.heap} (512m).
 *
 * <p>Arguments of the main class: {@code --students N --establishments M [--reuse]}. {@code --reuse} (or
 * {@code -Dbenchmark.replication.reuse=true} on Maven's command line) keeps the database of a previous run
 * when it holds as many declared establishments (no set-up), to re-measure the replication alone after
 * changing its SQL.
 */
public final class ReplicationBenchmark {

    private static final String DATABASE = "teleservices_replication_bench";
    private static final String ACADEMY = "bench";
    private static final String BY = "benchmark";
    private static final int FIRST_UAI_NUMBER = 990001;
    private static final int RUNS = 3;

    public static void main(String[] args) throws Exception {
        int students = 200_000;
        int establishmentCount = 80;
        boolean reuse = Boolean.getBoolean("benchmark.replication.reuse");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--students" -> students = Integer.parseInt(args[++i]);
                case "--establishments" -> establishmentCount = Integer.parseInt(args[++i]);
                case "--reuse" -> reuse = true;
                default -> throw new IllegalArgumentException("Unknown argument: " + args[i]
                        + " (--students N --establishments M [--reuse])");
            }
        }
        String url = databaseUrl(DATABASE);
        boolean setUp = !reuse || !alreadySetUp(url, establishmentCount);
        if (setUp) {
            freshDatabase(DATABASE);
        }

        long startingAt = System.nanoTime();
        ConfigurableApplicationContext app = startApplication(url, false, Map.of());
        boolean ok = true;
        try {
            System.out.printf(Locale.ROOT, "%nApplication started in %,d ms on %s (%s, %d processors, max heap %,d MB)%n",
                    (System.nanoTime() - startingAt) / 1_000_000, url, mariaDbVersion(url),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            if (setUp) {
                setUp(app, students, establishmentCount);
            } else {
                System.out.println("Set-up skipped (--reuse): the database already holds the académie.");
            }

            Map<String, Long> expected = expectedCounts(url, LocalDate.now(app.getBean(java.time.Clock.class)));
            System.out.printf(Locale.ROOT, "Administrative side as of today: %s%n%n", expected);

            Replication replication = app.getBean(Replication.class);
            boolean empty = tableCounts(url).get("ts_student") == 0;
            List<ReplicationRun> runs = new ArrayList<>();
            for (int i = 1; i <= RUNS; i++) {
                runs.add(measure("Run " + i + (i == 1 && empty ? " (empty ts_* tables)" : " (re-run)"), replication));
            }

            ReplicationRun first = runs.get(0);
            for (ReplicationRun r : runs) {
                if (r.establishments() != first.establishments() || r.students() != first.students()
                        || r.guardians() != first.guardians() || r.links() != first.links() || r.services() != first.services()) {
                    System.out.printf("NOT IDEMPOTENT: run %d copied other counts than run 1%n", r.id());
                    ok = false;
                }
            }
            ok &= check("replicated establishments", first.establishments(), expected.get("establishments"));
            ok &= check("replicated students", first.students(), expected.get("students"));
            ok &= check("replicated guardians", first.guardians(), expected.get("guardians"));
            ok &= check("replicated links", first.links(), expected.get("links"));
            ok &= check("replicated services", first.services(), expected.get("services"));

            System.out.println();
            ReplicationRun last = runs.get(runs.size() - 1);
            Map<String, Long> tables = tableCounts(url);
            Map<String, Long> wanted = new LinkedHashMap<>();
            wanted.put("ts_establishment", (long) last.establishments());
            wanted.put("ts_settings", (long) last.establishments());
            wanted.put("ts_service", (long) last.services());
            wanted.put("ts_student", (long) last.students());
            wanted.put("ts_guardian", (long) last.guardians());
            wanted.put("ts_guardian_link", (long) last.links());
            wanted.put("ts_useful_link", null);
            wanted.put("ts_due_date", null);
            for (Map.Entry<String, Long> t : tables.entrySet()) {
                Long want = wanted.get(t.getKey());
                if (want == null) {
                    System.out.printf(Locale.ROOT, "select count(*) from %-17s = %,9d%n", t.getKey(), t.getValue());
                } else {
                    boolean same = want.equals(t.getValue());
                    ok &= same;
                    System.out.printf(Locale.ROOT, "select count(*) from %-17s = %,9d  %s %,d%n", t.getKey(), t.getValue(),
                            same ? "= run's count" : "DIFFERS FROM the run's count", want);
                }
            }
            System.out.printf("%n%s%n%n", ok ? "Replication benchmark: all checks passed."
                    : "Replication benchmark: CHECKS FAILED (see above).");
        } finally {
            app.close();
        }
        if (!ok) {
            System.exit(1);
        }
    }

    // ------------------------------------------------------------------------------------------------ set-up

    private static void setUp(ConfigurableApplicationContext app, int students, int establishmentCount) throws IOException {
        EstablishmentService establishments = app.getBean(EstablishmentService.class);
        SiecleImportService imports = app.getBean(SiecleImportService.class);
        Catalogue catalogue = app.getBean(Catalogue.class);
        ServiceOpening opening = app.getBean(ServiceOpening.class);

        long t0 = System.nanoTime();
        int startYear = 2026;
        establishments.createAcademy(new Academy(ACADEMY, "Académie de mesure"),
                new SchoolYear(ACADEMY, startYear, LocalDate.of(startYear, 9, 1), LocalDate.of(startYear + 1, 7, 4), true));
        catalogue.updateTeleservicesUrl(ACADEMY, "https://teleservices.ac-mesure.example.fr", BY);
        catalogue.updateService(ACADEMY, NationalService.FICHE_RENSEIGNEMENTS.name(), true, true, null, BY);
        catalogue.updateService(ACADEMY, NationalService.NOTES.name(), true, false, null, BY);
        catalogue.updateService(ACADEMY, NationalService.ABSENCES.name(), true, false, null, BY);

        SiecleExportGenerator generator = new SiecleExportGenerator(7L, startYear);
        Path exports = Files.createTempDirectory("bench-replication-export-");
        long generateNanos = 0;
        long importNanos = 0;
        long created = 0;
        long guardians = 0;
        long links = 0;
        long rejected = 0;
        try {
            for (int k = 0; k < establishmentCount; k++) {
                String uai = SiecleExportGenerator.uai(FIRST_UAI_NUMBER + k);
                int n = students / establishmentCount + (k < students % establishmentCount ? 1 : 0);
                boolean college = k % 2 == 0;
                // formats alternate on pairs, so that collèges and lycées each get both formats
                SiecleExportGenerator.GuardianFormat format = (k / 2) % 2 == 0
                        ? SiecleExportGenerator.GuardianFormat.RESP_LEGAL
                        : SiecleExportGenerator.GuardianFormat.NIVEAU_RESPONSABILITE;
                establishments.register(new Establishment(uai, ACADEMY, (college ? "Collège " : "Lycée ") + "de mesure n° " + (k + 1),
                        college ? EstablishmentKind.COLLEGE : EstablishmentKind.LYCEE, (k + 1) + " rue de la Mesure", null,
                        "99000", "Mesure", "M. Mesure", List.of(), EnumSet.allOf(SiecleModule.class)));

                Path dir = exports.resolve(uai);
                long g = System.nanoTime();
                generator.writeEstablishment(dir, k, uai, n, format,
                        college ? SiecleExportGenerator.Kind.COLLEGE : SiecleExportGenerator.Kind.LYCEE);
                long i = System.nanoTime();
                generateNanos += i - g;
                ImportReport report = imports.importExports(uai, uploads(dir), BY);
                importNanos += System.nanoTime() - i;
                created += report.students().created();
                guardians += report.guardians().created();
                links += report.links().created();
                rejected += report.rejected().size();
                deleteTree(dir);
                if ((k + 1) % 10 == 0 || k + 1 == establishmentCount) {
                    System.out.printf(Locale.ROOT, "  set-up: %d/%d establishments imported (%,d students) in %,d s%n",
                            k + 1, establishmentCount, created, (System.nanoTime() - t0) / 1_000_000_000);
                }
            }
        } finally {
            deleteTree(exports);
        }
        long d = System.nanoTime();
        int open = 0;
        for (int k = 0; k < establishmentCount; k++) {
            String uai = SiecleExportGenerator.uai(FIRST_UAI_NUMBER + k);
            opening.declare(uai, BY);
            opening.setOpen(uai, NationalService.NOTES.name(), true, BY);
            opening.setOpen(uai, NationalService.ABSENCES.name(), true, BY);
            open += opening.openServices(uai).size();
        }
        long declareNanos = System.nanoTime() - d;
        System.out.printf(Locale.ROOT, "Set-up: %d establishments, %,d students, %,d guardians, %,d links imported (%,d rejected), "
                        + "%,d services open; %,d ms in all (generating exports %,d ms, SIECLE imports %,d ms = %,.0f students/s, "
                        + "declaring and opening %,d ms); load average %s%n",
                establishmentCount, created, guardians, links, rejected, open, (System.nanoTime() - t0) / 1_000_000,
                generateNanos / 1_000_000, importNanos / 1_000_000, created / (importNanos / 1e9), declareNanos / 1_000_000, loadAverage());
    }

    private static List<SiecleImportService.Upload> uploads(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().map(p -> new SiecleImportService.Upload(p.getFileName().toString(),
                    () -> Files.newInputStream(p))).toList();
        }
    }

    private static boolean alreadySetUp(String url, int establishmentCount) {
        try (Connection c = DriverManager.getConnection(url, "root", "");
             PreparedStatement s = c.prepareStatement(
                     "select count(*) from establishment where academy_code = ? and services_declared_at is not null")) {
            s.setString(1, ACADEMY);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getLong(1) == establishmentCount;
            }
        } catch (SQLException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------------ runs

    private static ReplicationRun measure(String label, Replication replication) {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        String loadBefore = loadAverage();
        long start = System.nanoTime();
        ReplicationRun run = replication.runNow(BY);
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        long heapPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        Runtime rt = Runtime.getRuntime();
        long rows = (long) run.students() + run.guardians() + run.links();
        System.out.printf(Locale.ROOT, "%s: wall %,d ms (service %,d ms); %d establishments, %,d students, %,d guardians, "
                        + "%,d links, %d services; %,.0f rows/s (students+guardians+links); RSS %,d MB (peak %,d MB), "
                        + "heap used %,d MB, heap pools' peak %,d MB, committed %,d MB; load average %s before, %s after%n",
                label, wallMs, run.durationMs(), run.establishments(), run.students(), run.guardians(), run.links(),
                run.services(), rows / (wallMs / 1000.0), procStatusMb("VmRSS"), procStatusMb("VmHWM"),
                (rt.totalMemory() - rt.freeMemory()) >> 20, heapPeak >> 20, rt.totalMemory() >> 20, loadBefore, loadAverage());
        return run;
    }

    /** The machine's 1-minute load average: other work on this 2-core machine slows MariaDB down. */
    /** A line of /proc/self/status in MB (-1 where there is none). */
    private static long procStatusMb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.substring(key.length() + 1).replace("kB", "").strip()) / 1024;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------------------ checks

    /** What the replication should copy, counted on the administrative side with plain SQL. */
    private static Map<String, Long> expectedCounts(String url, LocalDate asOf) throws SQLException {
        String declared = "join establishment e on e.uai = %s.uai and e.services_declared_at is not null";
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("establishments", "select count(*) from establishment where services_declared_at is not null");
        queries.put("students", "select count(*) from student s " + declared.formatted("s")
                + " where s.left_on is null or s.left_on > ?");
        queries.put("guardians", "select count(*) from guardian g " + declared.formatted("g")
                + " where g.left_on is null or g.left_on > ?");
        queries.put("links", "select count(*) from guardian_link l " + declared.formatted("l")
                + " join student s on s.id = l.student_id join guardian g on g.id = l.guardian_id"
                + " where (l.ended_on is null or l.ended_on > ?) and (s.left_on is null or s.left_on > ?)"
                + " and (g.left_on is null or g.left_on > ?)");
        queries.put("services", "select count(*) from establishment_service es " + declared.formatted("es")
                + " join academy_service a on a.academy_code = e.academy_code and a.code = es.service_code"
                + " where es.is_open = true and a.open_in_academy = true and (a.siecle_module is null or exists"
                + " (select 1 from establishment_siecle_module m where m.uai = es.uai and m.module = a.siecle_module))");
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            for (Map.Entry<String, String> q : queries.entrySet()) {
                try (PreparedStatement s = c.prepareStatement(q.getValue())) {
                    for (int i = 1; i <= q.getValue().chars().filter(ch -> ch == '?').count(); i++) {
                        s.setObject(i, asOf);
                    }
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        counts.put(q.getKey(), r.getLong(1));
                    }
                }
            }
        }
        return counts;
    }

    private static Map<String, Long> tableCounts(String url) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement s = c.createStatement()) {
            for (String table : List.of("ts_establishment", "ts_settings", "ts_service", "ts_student", "ts_guardian",
                    "ts_guardian_link", "ts_useful_link", "ts_due_date")) {
                try (ResultSet r = s.executeQuery("select count(*) from " + table)) {
                    r.next();
                    counts.put(table, r.getLong(1));
                }
            }
        }
        return counts;
    }

    private static boolean check(String what, long actual, Long expected) {
        boolean same = expected != null && expected == actual;
        System.out.printf(Locale.ROOT, "Check %s: %,d %s %,d (administrative side)%n", what, actual,
                same ? "=" : "DIFFERS FROM", expected);
        return same;
    }

}
