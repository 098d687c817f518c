package fr.adminteleservices.benchmark;

import static fr.adminteleservices.benchmark.Machine.count;
import static fr.adminteleservices.benchmark.Machine.deleteTree;
import static fr.adminteleservices.benchmark.Machine.freshDatabase;
import static fr.adminteleservices.benchmark.Machine.loadAverage;
import static fr.adminteleservices.benchmark.Machine.mariaDbVersion;
import static fr.adminteleservices.benchmark.Machine.mariaDbVersionQuietly;
import static fr.adminteleservices.benchmark.Machine.startApplication;

import fr.adminteleservices.catalogue.Catalogue;
import fr.adminteleservices.catalogue.NationalService;
import fr.adminteleservices.codes.CodeGenerations;
import fr.adminteleservices.codes.CodeValue;
import fr.adminteleservices.codes.Couple;
import fr.adminteleservices.codes.GenerationCandidate;
import fr.adminteleservices.codes.GenerationResult;
import fr.adminteleservices.codes.GuardianCodes;
import fr.adminteleservices.establishment.Academy;
import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentKind;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import fr.adminteleservices.establishment.SiecleModule;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.platform.RuleBook;
import fr.adminteleservices.siecle.ImportReport;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.siecle.generator.SiecleExportGenerator;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Mass generation of CARs (activation codes of the couples élève / responsable) on the real MariaDB
 * (127.0.0.1:3306, root without password), database {@code teleservices_codes_bench} (or {@code --database},
 * {@code -Dbenchmark.codes.database}), dropped and recreated.
 * Not a timed test: it measures and prints, and fails (exit status 1) only when the results are wrong
 * (codes missing, lifecycles missing or started twice), never on a time.
 *
 * <p>Set-up (not timed): an académie opening NOTES, and per run two establishments imported from the same
 * generated SIECLE export ({@link SiecleExportGenerator}, same index, so the same students and guardians)
 * under two UAIs: G for the application's generation, P for the plain insert. Both are declared and open NOTES.
 * 1,720 students give about 3,000 eligible couples (legal guardians 1 and 2 of present students; the exact
 * number is printed). Background work of the imports (if any) is awaited before each run. A warm-up run on a
 * smaller pair (300 students) comes first, printed but not counted: the first generation after start pays
 * for class loading and JIT compilation.
 *
 * <p>Each of the 3 runs (fresh establishments each time), job executor ON with its default settings:
 * <ol>
 *   <li>(a) the head's answer: wall time of {@code GuardianCodes.generate(G, null, true, null, null, "bench")}:
 *       couples' query, Drools (D5), codes written 500 per transaction, the generation process started;</li>
 *   <li>(b) the bookkeeping: {@code CodeGenerations.progress} polled every 20 ms until done; then the
 *       {@code car-lifecycle} process instances, their timers ({@code ACT_RU_JOB}) and message subscriptions
 *       of G are counted: one of each per code (two subscriptions), and no code left unstarted;</li>
 *   <li>(c) the baseline: a plain JDBC batch insert ({@code addBatch}/{@code executeBatch}, 500 rows per batch
 *       and per commit, as the application) of the same code rows for P's eligible couples, values computed
 *       IN THE LOOP with the application's own {@code CodeValue.random} and {@code CodeSecrets}
 *       (random value, HMAC lookup hash, AES-GCM), so the baseline writes exactly what the application
 *       writes and the ratio shows the cost of everything else. Then the rows are deleted and inserted again
 *       with the values PRECOMPUTED (crypto timed apart), for the pure insert cost.</li>
 *   <li>(d) diagnosis, on P (not part of the answer): the couples' query with D5 ({@code GuardianCodes.couples}),
 *       and D5 alone (the Drools stateless session on as many facts).</li>
 * </ol>
 *
 * <p>Run it alone: {@code mvn -B -Pbenchmark -DskipTests -DskipFrontend=true test-compile exec:exec@code-generation-benchmark}.
 * Arguments of the main class: {@code --students N} (default 1,720), {@code --runs R} (default 3),
 * {@code --warm-up N} (students of the warm-up pair, default 300, 0 for none).
 */
public final class CodeGenerationBenchmark {

    private static final String ACADEMY = "bench";
    private static final String BY = "bench";
    private static final int FIRST_UAI_NUMBER = 990101;
    /** As the replication benchmark: the school year of the académie and of the generated exports. */
    private static final int START_YEAR = 2026;
    /** As GuardianCodes.CHUNK: rows per executeBatch and per commit in the plain insert. */
    private static final int CHUNK = 500;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String INSERT = "insert into guardian_code (uai, link_id, generation_id, lookup_hash, encrypted_value, hint,"
            + " created_at, valid_from, valid_link_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static String url;
    private static Method lookupHash;
    private static Method encrypt;
    private static Object secrets;
    /** The MariaDB server's process id, "" when not found. */
    private static String dbPid;

    public static void main(String[] args) throws Exception {
        int students = 1_720;
        int runs = 3;
        int warmUp = 300;
        String database = "teleservices_codes_bench";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--students" -> students = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warm-up" -> warmUp = Integer.parseInt(args[++i]);
                case "--database" -> database = args[++i];
                default -> throw new IllegalArgumentException("Unknown argument: " + args[i]
                        + " (--students N --runs R --warm-up N --database NAME)");
            }
        }
        url = freshDatabase(database);

        long startingAt = System.nanoTime();
        // the background starts of the lifecycles must really run: the job executor is on where a benchmark needs it
        ConfigurableApplicationContext app = startApplication(url, true, Map.of());
        boolean ok = true;
        try {
            System.out.printf(Locale.ROOT, "%nApplication started in %,d ms on %s (%s, %d processors, max heap %,d MB); "
                            + "load average %s%n", (System.nanoTime() - startingAt) / 1_000_000, url, mariaDbVersion(url),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, loadAverage());
            printEngineSettings(app);
            Class<?> secretsClass = Class.forName("fr.adminteleservices.codes.CodeSecrets");
            secrets = app.getBean(secretsClass);
            lookupHash = secretsClass.getDeclaredMethod("lookupHash", CodeValue.class);
            lookupHash.setAccessible(true);
            encrypt = secretsClass.getDeclaredMethod("encrypt", CodeValue.class);
            encrypt.setAccessible(true);

            setUpAcademy(app);
            List<String[]> pairs = new ArrayList<>();
            for (int r = 0; r <= runs; r++) {
                if (r == 0 && warmUp == 0) {
                    pairs.add(null);
                    continue;
                }
                String g = SiecleExportGenerator.uai(FIRST_UAI_NUMBER + 2 * r);
                String p = SiecleExportGenerator.uai(FIRST_UAI_NUMBER + 2 * r + 1);
                importSameExport(app, r, r == 0 ? warmUp : students, g, p);
                pairs.add(new String[] {g, p});
            }
            if (pairs.get(0) != null) {
                ok &= run(app, 0, pairs.get(0)[0], pairs.get(0)[1]).ok;
            }
            List<Run> results = new ArrayList<>();
            for (int r = 1; r <= runs; r++) {
                Run run = run(app, r, pairs.get(r)[0], pairs.get(r)[1]);
                ok &= run.ok;
                results.add(run);
            }
            summary(results);
            System.out.printf("%n%s%n%n", ok ? "Code generation benchmark: all checks passed."
                    : "Code generation benchmark: CHECKS FAILED (see above).");
        } finally {
            app.close();
        }
        if (!ok) {
            System.exit(1);
        }
    }

    // ------------------------------------------------------------------------------------------------ set-up

    private static void setUpAcademy(ConfigurableApplicationContext app) {
        EstablishmentService establishments = app.getBean(EstablishmentService.class);
        Catalogue catalogue = app.getBean(Catalogue.class);
        int startYear = START_YEAR;
        establishments.createAcademy(new Academy(ACADEMY, "Académie de mesure"),
                new SchoolYear(ACADEMY, startYear, LocalDate.of(startYear, 9, 1), LocalDate.of(startYear + 1, 7, 4), true));
        catalogue.updateTeleservicesUrl(ACADEMY, "https://teleservices.ac-mesure.example.fr", BY);
        catalogue.updateService(ACADEMY, NationalService.NOTES.name(), true, false, null, BY);
    }

    /** Imports the same export (same generator index: same people) under two UAIs, declares both and opens NOTES. */
    private static void importSameExport(ConfigurableApplicationContext app, int index, int students, String... uais)
            throws IOException {
        EstablishmentService establishments = app.getBean(EstablishmentService.class);
        SiecleImportService imports = app.getBean(SiecleImportService.class);
        ServiceOpening opening = app.getBean(ServiceOpening.class);
        SiecleExportGenerator generator = new SiecleExportGenerator(11L, START_YEAR);
        Path exports = Files.createTempDirectory("bench-codes-export-");
        try {
            for (String uai : uais) {
                long t = System.nanoTime();
                establishments.register(new Establishment(uai, ACADEMY, "Collège de mesure " + uai, EstablishmentKind.COLLEGE,
                        "1 rue de la Mesure", null, "99000", "Mesure", "M. Mesure", List.of(), EnumSet.allOf(SiecleModule.class)));
                Path dir = exports.resolve(uai);
                generator.writeEstablishment(dir, index, uai, students, SiecleExportGenerator.GuardianFormat.RESP_LEGAL,
                        SiecleExportGenerator.Kind.COLLEGE);
                ImportReport report = imports.importExports(uai, uploads(dir), BY);
                opening.declare(uai, BY);
                opening.setOpen(uai, NationalService.NOTES.name(), true, BY);
                System.out.printf(Locale.ROOT, "Set-up %s: %,d students, %,d guardians, %,d links imported (%,d rejected), "
                                + "declared, NOTES open, in %,d ms%n", uai, report.students().created(),
                        report.guardians().created(), report.links().created(), report.rejected().size(),
                        (System.nanoTime() - t) / 1_000_000);
            }
        } finally {
            deleteTree(exports);
        }
    }

    private static List<SiecleImportService.Upload> uploads(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().map(p -> new SiecleImportService.Upload(p.getFileName().toString(),
                    () -> Files.newInputStream(p))).toList();
        }
    }

    // ------------------------------------------------------------------------------------------------ runs

    private record Run(int number, int couples, int created, long answerMs, long bookkeepingMs, long plainLoopMs,
                       long cryptoMs, long plainPrecomputedMs, long couplesQueryMs, long rulesMs, boolean ok) {
    }

    private static Run run(ConfigurableApplicationContext app, int number, String g, String p) throws Exception {
        GuardianCodes codes = app.getBean(GuardianCodes.class);
        CodeGenerations generations = app.getBean(CodeGenerations.class);
        Clock clock = app.getBean(Clock.class);
        boolean ok = true;
        awaitQuiet();

        List<Couple> couplesG = codes.couples(g, false, null, null, null);
        int eligible = (int) couplesG.stream().filter(Couple::eligible).count();
        System.out.printf(Locale.ROOT, "%n%s: establishment %s (generation), %s (plain insert, same couples): %,d couples, "
                        + "%,d eligible (legal guardians 1 and 2 of present students), %,d not; load average %s%n",
                number == 0 ? "Warm-up (not counted)" : "Run " + number, g, p,
                couplesG.size(), eligible, couplesG.size() - eligible, loadAverage());

        // (a) the head's answer
        System.gc();
        long[] cpu0 = cpu();
        long start = System.nanoTime();
        GenerationResult result = codes.generate(g, null, true, null, null, BY);
        long answered = System.nanoTime();
        long[] cpu1 = cpu();
        long answerMs = (answered - start) / 1_000_000;
        System.out.printf(Locale.ROOT, "  (a) answer: %,d ms for %,d codes (%,d skipped) = %,.0f codes/s; CPU: this JVM %,d ms, "
                        + "MariaDB server %,d ms; load average %s%n", answerMs, result.created(), result.skipped().size(),
                result.created() / ((answered - start) / 1e9), (cpu1[0] - cpu0[0]) / 1_000_000, cpu1[1] - cpu0[1], loadAverage());
        ok &= check("codes created = eligible couples", result.created(), eligible);

        // (b) the bookkeeping
        CodeGenerations.Progress progress;
        int polls = 0;
        long deadline = System.nanoTime() + 600_000_000_000L;
        StringBuilder steps = new StringBuilder();
        int seen = 0;
        while (true) {
            progress = generations.progress(g, result.generationId());
            polls++;
            if (progress.lifecyclesStarted() != seen) {
                seen = progress.lifecyclesStarted();
                steps.append(steps.isEmpty() ? "" : ", ").append((System.nanoTime() - answered) / 1_000_000).append(':').append(seen);
            }
            if (progress.done() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(20);
        }
        long done = System.nanoTime();
        long[] cpu2 = cpu();
        long bookkeepingMs = (done - start) / 1_000_000;
        Bookkeeping b = bookkeeping(g, result.generationId());
        System.out.printf(Locale.ROOT, "  (b) bookkeeping done %,d ms after the request (%,d ms after the answer; %d polls): "
                        + "%,d lifecycles started = %,.0f lifecycles/s after the answer; car-lifecycle instances %,d (executions %,d), "
                        + "timer jobs %,d, message subscriptions %,d, codes left to start %,d, code-generation instance running %d, "
                        + "ended in history %d; CPU after the answer: this JVM %,d ms, MariaDB server %,d ms; load average %s%n"
                        + "      lifecycles started (ms after the answer:count): %s%n",
                bookkeepingMs, (done - answered) / 1_000_000, polls, progress.lifecyclesStarted(),
                progress.lifecyclesStarted() / ((done - answered) / 1e9), b.instances, b.executions, b.timers, b.subscriptions,
                b.unstarted, b.generationRunning, b.generationEnded, (cpu2[0] - cpu1[0]) / 1_000_000, cpu2[1] - cpu1[1],
                loadAverage(), steps);
        ok &= check("generation done", progress.done() ? 1 : 0, 1);
        ok &= check("lifecycles started", progress.lifecyclesStarted(), result.created());
        ok &= check("car-lifecycle process instances", b.instances, result.created());
        ok &= check("distinct business keys", b.businessKeys, result.created());
        ok &= check("timer jobs", b.timers, result.created());
        ok &= check("message subscriptions", b.subscriptions, 2L * result.created());
        ok &= check("codes left to start", b.unstarted, 0);
        ok &= check("code-generation instances running", b.generationRunning, 0);
        if (b.failedJobs > 0) {
            System.out.printf("  FAILED JOBS: %d%n", b.failedJobs);
            ok = false;
        }
        awaitQuiet();

        // (d) diagnosis: the couples' query and D5 alone, on P (codes not yet written there)
        long q = System.nanoTime();
        List<Couple> couplesP = codes.couples(p, false, null, null, null);
        long couplesQueryMs = (System.nanoTime() - q) / 1_000_000;
        List<Long> links = couplesP.stream().filter(Couple::eligible).map(Couple::linkId).toList();
        ok &= check("eligible couples of the copy " + p, links.size(), eligible);

        // (c) the plain JDBC batch insert, values computed in the loop, then precomputed
        Instant now = clock.instant();
        long plainLoop = plainInsert(p, links, now, null);
        System.out.printf(Locale.ROOT, "  (c) plain JDBC batch insert, values computed in the loop: %,d ms for %,d rows = %,.0f codes/s; "
                        + "ratio answer / plain = %.1f%n", plainLoop / 1_000_000, links.size(), links.size() / (plainLoop / 1e9),
                (double) (answered - start) / plainLoop);
        ok &= check("rows of the plain insert", countCodes(p), links.size());
        deleteCodes(p);
        long c0 = System.nanoTime();
        List<Object[]> values = new ArrayList<>(links.size());
        for (int i = 0; i < links.size(); i++) {
            values.add(values());
        }
        long crypto = System.nanoTime() - c0;
        long plainPre = plainInsert(p, links, now, values);
        System.out.printf(Locale.ROOT, "      precomputed values: crypto %,d ms (%.0f µs/code), insert %,d ms = %,.0f codes/s; "
                        + "ratio answer / precomputed insert = %.1f%n", crypto / 1_000_000, crypto / 1e3 / links.size(),
                plainPre / 1_000_000, links.size() / (plainPre / 1e9), (double) (answered - start) / plainPre);
        RuleBook rules = app.getBean(RuleBook.class);
        List<GenerationCandidate> facts = couplesP.stream()
                .map(c -> new GenerationCandidate(c.linkId(), c.legalRank(), true, false, c.refused())).toList();
        long d0 = System.nanoTime();
        rules.session("generation-eligibility").execute(facts);
        long rulesMs = (System.nanoTime() - d0) / 1_000_000;
        System.out.printf(Locale.ROOT, "  (d) couples' query with D5 on the copy: %,d ms, of which D5 alone (Drools, %,d facts) "
                + "about %,d ms; load average %s%n", couplesQueryMs, facts.size(), rulesMs, loadAverage());
        ok &= check("rows of the plain insert", countCodes(p), links.size());
        return new Run(number, eligible, result.created(), answerMs, bookkeepingMs, plainLoop / 1_000_000, crypto / 1_000_000,
                plainPre / 1_000_000, couplesQueryMs, rulesMs, ok);
    }

    /** Nanoseconds to insert one code per link, {@value #CHUNK} rows per executeBatch and per commit. */
    private static long plainInsert(String uai, List<Long> links, Instant now, List<Object[]> precomputed) throws Exception {
        String generationId = java.util.UUID.randomUUID().toString();
        Timestamp createdAt = Timestamp.from(now);
        java.sql.Date validFrom = java.sql.Date.valueOf(now.atZone(PARIS).toLocalDate().plusDays(1));
        try (Connection c = DriverManager.getConnection(url + "?transactionIsolation=READ-COMMITTED", "root", "")) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                for (int i = 0; i < links.size(); i++) {
                    Object[] v = precomputed == null ? values() : precomputed.get(i);
                    long link = links.get(i);
                    s.setString(1, uai);
                    s.setLong(2, link);
                    s.setString(3, generationId);
                    s.setString(4, (String) v[0]);
                    s.setString(5, (String) v[1]);
                    s.setString(6, (String) v[2]);
                    s.setTimestamp(7, createdAt);
                    s.setDate(8, validFrom);
                    s.setLong(9, link);
                    s.addBatch();
                    if ((i + 1) % CHUNK == 0 || i + 1 == links.size()) {
                        s.executeBatch();
                        c.commit();
                    }
                }
            }
            return System.nanoTime() - start;
        }
    }

    /** lookup hash, encrypted value, hint: as GuardianCodes computes them (same classes). */
    private static Object[] values() throws Exception {
        CodeValue value = CodeValue.random();
        String hint = value.reveal().substring(value.reveal().length() - 2);
        return new Object[] {lookupHash.invoke(secrets, value), encrypt.invoke(secrets, value), hint};
    }

    private record Bookkeeping(long instances, long businessKeys, long executions, long timers, long subscriptions,
                               long unstarted, long generationRunning, long generationEnded, long failedJobs) {
    }

    private static Bookkeeping bookkeeping(String uai, String generationId) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            return new Bookkeeping(
                    count(c, "select count(*) from ACT_RU_EXECUTION e join ACT_RE_PROCDEF d on d.ID_ = e.PROC_DEF_ID_"
                            + " where d.KEY_ = 'car-lifecycle' and e.TENANT_ID_ = ? and e.ID_ = e.PROC_INST_ID_", uai),
                    count(c, "select count(distinct e.BUSINESS_KEY_) from ACT_RU_EXECUTION e join ACT_RE_PROCDEF d on d.ID_ = e.PROC_DEF_ID_"
                            + " where d.KEY_ = 'car-lifecycle' and e.TENANT_ID_ = ? and e.ID_ = e.PROC_INST_ID_", uai),
                    count(c, "select count(*) from ACT_RU_EXECUTION e join ACT_RE_PROCDEF d on d.ID_ = e.PROC_DEF_ID_"
                            + " where d.KEY_ = 'car-lifecycle' and e.TENANT_ID_ = ?", uai),
                    count(c, "select count(*) from ACT_RU_JOB where TYPE_ = 'timer' and PROCESS_DEF_KEY_ = 'car-lifecycle'"
                            + " and TENANT_ID_ = ?", uai),
                    count(c, "select count(*) from ACT_RU_EVENT_SUBSCR s join ACT_RU_EXECUTION e on e.ID_ = s.EXECUTION_ID_"
                            + " join ACT_RE_PROCDEF d on d.ID_ = e.PROC_DEF_ID_ where d.KEY_ = 'car-lifecycle'"
                            + " and s.EVENT_TYPE_ = 'message' and s.TENANT_ID_ = ?", uai),
                    count(c, "select count(*) from guardian_code where uai = ? and lifecycle_started = false", uai),
                    count(c, "select count(*) from ACT_RU_EXECUTION where BUSINESS_KEY_ = ?", generationId),
                    count(c, "select count(*) from ACT_HI_PROCINST where BUSINESS_KEY_ = ? and END_TIME_ is not null", generationId),
                    count(c, "select count(*) from ACT_RU_JOB where RETRIES_ = 0"));
        }
    }

    private static long countCodes(String uai) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            return count(c, "select count(*) from guardian_code where uai = ?", uai);
        }
    }

    private static void deleteCodes(String uai) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "root", ""); PreparedStatement s =
                c.prepareStatement("delete from guardian_code where uai = ?")) {
            s.setString(1, uai);
            s.executeUpdate();
        }
    }

    /** Waits until the job executor has nothing left to do now (background work of imports or earlier runs). */
    private static void awaitQuiet() throws Exception {
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            while (true) {
                long jobs = count(c, "select count(*) from ACT_RU_JOB where TYPE_ <> 'timer' and RETRIES_ > 0");
                // (a generation left without any code, e.g. when another one took all its couples, is never "done")
                long generations = count(c, "select count(*) from code_generation g where g.lifecycles_done_at is null and ("
                        + "exists (select 1 from guardian_code c where c.generation_id = g.id and c.lifecycle_started = false) or "
                        + "exists (select 1 from student_code c where c.generation_id = g.id and c.lifecycle_started = false))");
                if (jobs == 0 && generations == 0) {
                    break;
                }
                if (System.nanoTime() - start > 600_000_000_000L) {
                    throw new IllegalStateException("Background work not finished after 10 min: " + jobs + " jobs, "
                            + generations + " generations");
                }
                Thread.sleep(100);
            }
        }
        long waited = (System.nanoTime() - start) / 1_000_000;
        if (waited > 200) {
            System.out.printf(Locale.ROOT, "  (waited %,d ms for background jobs to finish)%n", waited);
        }
    }

    // ------------------------------------------------------------------------------------------------ output

    private static void summary(List<Run> runs) {
        System.out.printf(Locale.ROOT, "%nSummary (%s; load average now %s)%n", mariaDbVersionQuietly(url), loadAverage());
        System.out.println("run  couples  answer ms  codes/s  bookkeeping ms  plain(loop) ms  codes/s  ratio  crypto ms"
                + "  plain(pre) ms  codes/s  ratio(pre)  query+D5 ms  D5 ms");
        for (Run r : runs) {
            System.out.printf(Locale.ROOT, "%3d  %7d  %9d  %7.0f  %14d  %14d  %7.0f  %5.1f  %9d  %13d  %7.0f  %10.1f  %11d  %5d%n",
                    r.number, r.couples, r.answerMs, r.created / (r.answerMs / 1000.0), r.bookkeepingMs, r.plainLoopMs,
                    r.couples / (r.plainLoopMs / 1000.0), (double) r.answerMs / r.plainLoopMs, r.cryptoMs, r.plainPrecomputedMs,
                    r.couples / (r.plainPrecomputedMs / 1000.0), (double) r.answerMs / r.plainPrecomputedMs, r.couplesQueryMs,
                    r.rulesMs);
        }
        System.out.println("Targets: answer < 3,000 ms; answer <= 10 x plain insert; bookkeeping <= 15,000 ms.");
        for (Run r : runs) {
            System.out.printf(Locale.ROOT, "  run %d: answer %s, ratio %s (%.1f; %.1f against the precomputed insert), bookkeeping %s%n",
                    r.number, r.answerMs < 3000 ? "met" : "MISSED", r.answerMs <= 10 * r.plainLoopMs ? "met" : "MISSED",
                    (double) r.answerMs / r.plainLoopMs, (double) r.answerMs / r.plainPrecomputedMs,
                    r.bookkeepingMs <= 15_000 ? "met" : "MISSED");
        }
    }

    private static void printEngineSettings(ConfigurableApplicationContext app) {
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) app.getBean(ProcessEngine.class)
                .getProcessEngineConfiguration();
        JobExecutor je = config.getJobExecutor();
        String pool = "?";
        try {
            Object executor = je.getClass().getMethod("getTaskExecutor").invoke(je);
            if (executor instanceof org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor t) {
                pool = "core " + t.getCorePoolSize() + ", max " + t.getMaxPoolSize() + ", queue " + t.getQueueCapacity();
            } else {
                pool = String.valueOf(executor);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another job executor
        }
        System.out.printf(Locale.ROOT, "Engine: history level %s, jdbc batch processing %s; job executor %s active=%s, "
                        + "thread pool (%s), max jobs per acquisition %d, wait time %d ms, max wait %d ms, lock time %d ms, "
                        + "acquire by due date %s, prefer timer jobs %s%n",
                config.getHistoryLevel().getName(), config.isJdbcBatchProcessing(), je.getClass().getSimpleName(), je.isActive(),
                pool, je.getMaxJobsPerAcquisition(), je.getWaitTimeInMillis(), je.getMaxWait(), je.getLockTimeInMillis(),
                config.isJobExecutorAcquireByDueDate(), config.isJobExecutorPreferTimerJobs());
    }

    private static boolean check(String what, long actual, long expected) {
        if (actual != expected) {
            System.out.printf(Locale.ROOT, "  CHECK FAILED: %s: %,d, expected %,d%n", what, actual, expected);
            return false;
        }
        return true;
    }

    /**
     * CPU used so far: this JVM (ns, all its threads: the request and the job executor) and the MariaDB server
     * process (ms, from /proc, 10 ms ticks; -1 if not found). The server may also work for other clients.
     */
    private static long[] cpu() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
        long db = -1;
        try {
            if (dbPid == null) {
                try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                    dbPid = procs.filter(d -> d.getFileName().toString().matches("\\d+")).filter(d -> {
                        try {
                            String comm = Files.readString(d.resolve("comm")).strip();
                            return comm.equals("mariadbd") || comm.equals("mysqld");
                        } catch (IOException | RuntimeException e) {
                            return false;
                        }
                    }).map(d -> d.getFileName().toString()).findFirst().orElse("");
                }
            }
            if (!dbPid.isEmpty()) {
                String stat = Files.readString(Path.of("/proc", dbPid, "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                db = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // utime + stime, in ticks of 10 ms
            }
        } catch (IOException | RuntimeException e) {
            dbPid = "";
        }
        return new long[] {jvm, db};
    }

}
