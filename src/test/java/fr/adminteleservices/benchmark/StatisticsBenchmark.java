package fr.adminteleservices.benchmark;

import static fr.adminteleservices.benchmark.Machine.count;
import static fr.adminteleservices.benchmark.Machine.freshDatabase;
import static fr.adminteleservices.benchmark.Machine.gcNames;
import static fr.adminteleservices.benchmark.Machine.loadAverage;
import static fr.adminteleservices.benchmark.Machine.mariaDbVersion;
import static fr.adminteleservices.benchmark.Machine.startApplication;

import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentKind;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import fr.adminteleservices.establishment.SiecleModule;
import fr.adminteleservices.siecle.generator.SiecleExportGenerator;
import fr.adminteleservices.statistics.Accesses;
import fr.adminteleservices.statistics.GuardianCodeLine;
import fr.adminteleservices.statistics.Statistics;
import fr.adminteleservices.statistics.StudentCodeLine;
import fr.adminteleservices.statistics.Synthesis;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import org.apache.ibatis.session.SqlSessionFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Statistics benchmark (§6, T1–T3) on the real MariaDB (127.0.0.1:3306, root without password), database
 * {@code teleservices_statistics_bench}, dropped and recreated. Requirement: an establishment's statistics answer in
 * well under a second with a generated académie of 200,000 students loaded.
 *
 * <ol>
 *   <li>Set-up (timed apart): the application starts on that database (profile mariadb; it creates its académie and
 *       current school year); the establishments are registered through {@link EstablishmentService}; then the rows the
 *       syntheses read are written by plain JDBC batches (the driver's bulk inserts; foreign key checks off on that
 *       session): MEFs (with MEFSTAT) and divisions of ~25–30, students (a few gone, a few leaving later), legal
 *       guardians 1 and 2 (~1.6 per student, siblings sharing them, a few rank-0 persons, a few gone or ended links),
 *       CARs and CAEs (~95 % valid, some invalidated older ones, ~60 % notified this or last school year), refusals of
 *       both kinds (some withdrawn), portal accounts (~30 % of guardians, ~15 % of students, mostly CONFIRMED, created
 *       over two school years) with their codes, and ~2 million consultation_log rows over the current school year
 *       (plus 2 % in the previous one, which must not count). Then ANALYZE TABLE.</li>
 *   <li>Warm-up: every establishment's three syntheses once, and the académie's. Then, for {@code --sample} (20)
 *       establishments spread from the smallest to the largest, {@code --runs} (5) rounds of
 *       {@link Statistics#studentCodes}, {@link Statistics#guardianCodes}, {@link Statistics#accesses}: min / median /
 *       p95 / max per call, and the largest establishment's; the académie's three calls {@code --academy-runs} (3)
 *       times each.</li>
 *   <li>Each SQL statement behind an establishment's syntheses (taken from MyBatis' mapped statements, with the same
 *       parameters) is timed alone on the largest establishment; the slowest is EXPLAINed, and the access
 *       statements with it (they read the day counts of {@code consultation_count}, V11).</li>
 *   <li>Checks (exit status 1): the establishment line of each synthesis equals counts computed by simple SQL here for
 *       five establishments (students present, refusals, notified codes, accounts, distinct guardians, page views by
 *       service and holder); the académie's lines equal the sum of all establishments' lines, and its row of each
 *       establishment that establishment's line.</li>
 * </ol>
 *
 * <p>Run it alone: {@code mvn -B -Pbenchmark -DskipTests -DskipFrontend=true test-compile exec:exec@statistics-benchmark}.
 * Arguments: {@code --students N} (200000), {@code --establishments M} (100), {@code --logs L} (10 per student: 2,000,000),
 * {@code --sample S} (20), {@code --runs R} (5), {@code --academy-runs A} (3).
 */
public final class StatisticsBenchmark {

    private static final String DATABASE = "teleservices_statistics_bench";
    private static final String BY = "benchmark";
    private static final int FIRST_UAI_NUMBER = 990401;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final int BATCH = 5_000;
    private static final String NS = "fr.adminteleservices.statistics.StatisticsMapper.";

    /** MEF code, label, MEFSTAT (null: unknown), share of the establishment's students. */
    private record Mef(String code, String label, String mefstat, double share, String division) {
    }

    private static final List<Mef> COLLEGE_MEFS = List.of(
            new Mef("10010012110", "6EME", "21110010012", 0.25, "6"),
            new Mef("10110001110", "5EME", "21120010011", 0.245, "5"),
            new Mef("10210001110", "4EME", "21130010011", 0.245, "4"),
            new Mef("10310019110", "3EME", "21160010019", 0.24, "3"),
            new Mef("16710001110", "ULIS", null, 0.02, "U"));
    private static final List<Mef> LYCEE_MEFS = List.of(
            new Mef("20010018110", "2NDE GT", "21310010018", 0.33, "2"),
            new Mef("20111001110", "1ERE G", "21411010011", 0.24, "1G"),
            new Mef("20211001110", "TLE G", "21511010011", 0.23, "TG"),
            new Mef("21131008110", "1ERE STMG", "21431008110", 0.05, "1S"),
            new Mef("21231008110", "TLE STMG", "21531008110", 0.05, "TS"),
            new Mef("24000001110", "2NDE PRO", "24710001110", 0.04, "2P"),
            new Mef("24100001110", "1ERE PRO", "24810001110", 0.03, "1P"),
            new Mef("24200001110", "TLE PRO", "24910001110", 0.03, "TP"));

    /** MyBatis parameters with the same names as the application's Period. */
    public record PeriodParams(LocalDate today, LocalDate startsOn, LocalDate endsOn, Instant from, Instant until) {
    }

    private record School(String uai, boolean college, int students) {
    }

    private static String url;
    private static DataSource dataSource;
    private static SqlSessionFactory sessions;

    public static void main(String[] args) throws Exception {
        int students = 200_000;
        int establishmentCount = 100;
        int logs = -1;
        int sample = 20;
        int runs = 5;
        int academyRuns = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--students" -> students = Integer.parseInt(args[++i]);
                case "--establishments" -> establishmentCount = Integer.parseInt(args[++i]);
                case "--logs" -> logs = Integer.parseInt(args[++i]);
                case "--sample" -> sample = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--academy-runs" -> academyRuns = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument: " + args[i]
                        + " (--students N --establishments M --logs L --sample S --runs R --academy-runs A)");
            }
        }
        if (logs < 0) {
            logs = students * 10;
        }
        String startLoad = loadAverage();
        url = freshDatabase(DATABASE);
        long startingAt = System.nanoTime();
        // the background starts of the lifecycles must really run: the job executor is on where a benchmark needs it
        ConfigurableApplicationContext app = startApplication(url, false, Map.of());
        boolean ok = true;
        try {
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "%nApplication started in %,d ms on %s (%s, innodb_buffer_pool_size %s MB); %d processors, "
                            + "max heap %,d MB (JVM options %s), GC %s, Java %s; load average at start %s%n",
                    (System.nanoTime() - startingAt) / 1_000_000, url, mariaDbVersion(url),
                    Long.parseLong(variable("innodb_buffer_pool_size")) >> 20, rt.availableProcessors(), rt.maxMemory() >> 20,
                    ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-X")).toList(),
                    gcNames(), System.getProperty("java.version"), startLoad);
            dataSource = app.getBean(DataSource.class);
            sessions = app.getBean(SqlSessionFactory.class);
            EstablishmentService establishments = app.getBean(EstablishmentService.class);
            Statistics statistics = app.getBean(Statistics.class);
            Clock clock = app.getBean(Clock.class);
            String academy = establishments.defaultAcademyCode();
            SchoolYear year = establishments.currentSchoolYear(academy).orElseThrow();
            LocalDate today = LocalDate.now(clock.withZone(PARIS));
            PeriodParams period = new PeriodParams(today, year.startsOn(), year.endsOn(), startOf(year.startsOn()),
                    startOf(year.endsOn().plusDays(1)));
            System.out.printf(Locale.ROOT, "Académie '%s', current school year %s (%s to %s), today %s%n", academy, year.label(),
                    year.startsOn(), year.endsOn(), today);

            // ------------------------------------------------------------------ 1. set-up
            long t0 = System.nanoTime();
            List<School> schools = plan(students, establishmentCount, new Random(7));
            for (int k = 0; k < schools.size(); k++) {
                School s = schools.get(k);
                establishments.register(new Establishment(s.uai(), academy, (s.college() ? "Collège " : "Lycée ") + "de mesure n° " + (k + 1),
                        s.college() ? EstablishmentKind.COLLEGE : EstablishmentKind.LYCEE, (k + 1) + " rue de la Mesure", null,
                        "99000", "Mesure", "M. Mesure", List.of(), EnumSet.allOf(SiecleModule.class)));
            }
            long registered = System.nanoTime();
            Map<String, Long> loaded = load(schools, students, logs, year, today, clock.instant());
            long generated = System.nanoTime();
            try (Connection c = DriverManager.getConnection(url, "root", ""); Statement s = c.createStatement()) {
                for (String table : loaded.keySet()) {
                    s.execute("analyze table " + table);
                }
            }
            long analyzed = System.nanoTime();
            IntSummary colleges = IntSummary.of(schools.stream().filter(School::college).mapToInt(School::students).toArray());
            IntSummary lycees = IntSummary.of(schools.stream().filter(s -> !s.college()).mapToInt(School::students).toArray());
            System.out.printf(Locale.ROOT, "Set-up: %d establishments (%d collèges of %,d–%,d students, %d lycées of %,d–%,d), "
                            + "%,d ms in all: registering %,d ms, generating and inserting %,d ms, ANALYZE TABLE %,d ms; load average %s%n",
                    schools.size(), colleges.n, colleges.min, colleges.max, lycees.n, lycees.min, lycees.max,
                    (analyzed - t0) / 1_000_000, (registered - t0) / 1_000_000, (generated - registered) / 1_000_000,
                    (analyzed - generated) / 1_000_000, loadAverage());
            System.out.println("Rows loaded (select count(*)):");
            try (Connection c = DriverManager.getConnection(url, "root", "")) {
                for (Map.Entry<String, Long> t : loaded.entrySet()) {
                    long n = count(c, "select count(*) from " + t.getKey());
                    System.out.printf(Locale.ROOT, "  %-20s %,10d%s%n", t.getKey(), n,
                            n == t.getValue() ? "" : "  (generated " + t.getValue() + ")");
                }
                System.out.printf(Locale.ROOT, "  of which: students present %,d; legal links (rank 1, 2) %,d; valid CARs %,d (notified %,d); "
                                + "valid CAEs %,d (notified %,d); active refusals %,d; CONFIRMED accounts %,d; page views in the period %,d%n",
                        count(c, "select count(*) from student where left_on is null or left_on > ?", Date.valueOf(today)),
                        count(c, "select count(*) from guardian_link where legal_rank in (1, 2)"),
                        count(c, "select count(*) from guardian_code where valid_link_id is not null"),
                        count(c, "select count(*) from guardian_code where valid_link_id is not null and notified_on is not null"),
                        count(c, "select count(*) from student_code where valid_student_id is not null"),
                        count(c, "select count(*) from student_code where valid_student_id is not null and notified_on is not null"),
                        count(c, "select count(*) from access_refusal where withdrawn_at is null"),
                        count(c, "select count(*) from portal_account where state = 'CONFIRMED'"),
                        count(c, "select count(*) from consultation_log where consulted_at >= ? and consulted_at < ?",
                                Timestamp.from(period.from()), Timestamp.from(period.until())));
            }

            // ------------------------------------------------------------------ 2. warm-up (every establishment) and measures
            long w = System.nanoTime();
            LocalDate warmUpDay = LocalDate.now(clock.withZone(PARIS));
            Map<String, Synthesis<StudentCodeLine>> studentLines = new LinkedHashMap<>();
            Map<String, Synthesis<GuardianCodeLine>> guardianLines = new LinkedHashMap<>();
            Map<String, Accesses> accessLines = new LinkedHashMap<>();
            for (School s : schools) {
                studentLines.put(s.uai(), statistics.studentCodes(s.uai()));
                guardianLines.put(s.uai(), statistics.guardianCodes(s.uai()));
                accessLines.put(s.uai(), statistics.accesses(s.uai()));
            }
            Synthesis<StudentCodeLine> academyStudents = statistics.academyStudentCodes(academy);
            Synthesis<GuardianCodeLine> academyGuardians = statistics.academyGuardianCodes(academy);
            Accesses academyAccesses = statistics.academyAccesses(academy);
            boolean warmUpInOneDay = warmUpDay.equals(LocalDate.now(clock.withZone(PARIS)));
            System.out.printf(Locale.ROOT, "%nWarm-up: the three syntheses of all %d establishments and the académie's in %,d ms; load average %s%n",
                    schools.size(), (System.nanoTime() - w) / 1_000_000, loadAverage());

            List<School> measured = sampleOf(schools, sample);
            School largest = measured.get(measured.size() - 1);
            System.out.printf(Locale.ROOT, "Measured: %d establishments of %,d to %,d students present (largest %s), %d rounds%n",
                    measured.size(), presentCount(measured.get(0).uai(), today), presentCount(largest.uai(), today), largest.uai(), runs);
            Map<String, Function<String, Object>> calls = new LinkedHashMap<>();
            calls.put("studentCodes", statistics::studentCodes);
            calls.put("guardianCodes", statistics::guardianCodes);
            calls.put("accesses", statistics::accesses);
            measureSyntheses(calls, measured, largest, runs);

            System.out.println();
            Map<String, Function<String, Object>> academyCalls = new LinkedHashMap<>();
            academyCalls.put("academyStudentCodes", statistics::academyStudentCodes);
            academyCalls.put("academyGuardianCodes", statistics::academyGuardianCodes);
            academyCalls.put("academyAccesses", statistics::academyAccesses);
            for (Map.Entry<String, Function<String, Object>> call : academyCalls.entrySet()) {
                List<Long> times = new ArrayList<>();
                for (int r = 0; r < academyRuns; r++) {
                    long s = System.nanoTime();
                    call.getValue().apply(academy);
                    times.add((System.nanoTime() - s) / 1_000_000);
                }
                System.out.printf(Locale.ROOT, "  %-21s runs %s ms (académie of %,d students)%n", call.getKey(), times, students);
            }
            System.out.printf(Locale.ROOT, "Load average after measuring: %s%n", loadAverage());

            // ------------------------------------------------------------------ 4. checks (before any ad hoc index)
            System.out.println();
            List<School> checked = new ArrayList<>(List.of(measured.get(0), measured.get(measured.size() / 2), largest));
            checked.add(schools.get(1));
            checked.add(schools.get(schools.size() - 2));
            // « today » (Paris) decides who is present: the syntheses and the checks must count on the same day
            Boolean checks = null;
            for (int attempt = 0; checks == null && attempt < 3; attempt++) {
                LocalDate day = LocalDate.now(clock.withZone(PARIS));
                PeriodParams p = new PeriodParams(day, period.startsOn(), period.endsOn(), period.from(), period.until());
                boolean passed = true;
                for (School s : checked) {
                    passed &= checkEstablishment(s.uai(), statistics.studentCodes(s.uai()), statistics.guardianCodes(s.uai()),
                            statistics.accesses(s.uai()), p);
                }
                if (!warmUpInOneDay || !warmUpDay.equals(day)) {
                    System.out.println("(the warm-up's lines are of another day in Paris: all establishments' and the académie's again)");
                    for (School s : schools) {
                        studentLines.put(s.uai(), statistics.studentCodes(s.uai()));
                        guardianLines.put(s.uai(), statistics.guardianCodes(s.uai()));
                        accessLines.put(s.uai(), statistics.accesses(s.uai()));
                    }
                    academyStudents = statistics.academyStudentCodes(academy);
                    academyGuardians = statistics.academyGuardianCodes(academy);
                    academyAccesses = statistics.academyAccesses(academy);
                }
                passed &= checkAcademy(academyStudents, academyGuardians, academyAccesses, studentLines, guardianLines, accessLines);
                if (day.equals(LocalDate.now(clock.withZone(PARIS)))) {
                    checks = passed;
                } else {
                    System.out.println("The day changed in Paris during the checks (students leaving today): the checks once more.");
                    warmUpInOneDay = false;
                }
            }
            ok &= Boolean.TRUE.equals(checks);

            // ------------------------------------------------------------------ 3. the statements, EXPLAIN, candidate index
            System.out.printf(Locale.ROOT, "%nEach statement of an establishment's syntheses alone, on the largest (%s), median of %d (ms):%n",
                    largest.uai(), runs * 2);
            Map<String, Map<String, Object>> statements = statements(largest.uai(), period);
            Map<String, Long> medians = timeStatements(statements, runs * 2);
            String slowest = medians.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            System.out.printf(Locale.ROOT, "%nSlowest: %s; its SQL and EXPLAIN:%n", slowest);
            explain(statements.get(slowest));
            // the access statements: they read consultation_count (V11), the day counts
            for (String accessStatement : List.of("accessesByDay", "accessesByMefStat")) {
                if (!accessStatement.equals(slowest) && statements.containsKey(accessStatement)) {
                    System.out.printf("  EXPLAIN %s:%n", accessStatement);
                    explain(statements.get(accessStatement));
                }
            }
            System.out.printf("%nLoad average at the end: %s%n%s%n%n", loadAverage(), ok ? "Statistics benchmark: all checks passed."
                    : "Statistics benchmark: CHECKS FAILED (see above).");
        } finally {
            app.close();
        }
        if (!ok) {
            System.exit(1);
        }
    }

    // ------------------------------------------------------------------------------------------------ set-up

    /**
     * Collèges of 500–800 students and lycées around an average that makes the total: with ~100 establishments and
     * 200,000 students the lycées must average ~2,250, so about one establishment in six is a collège.
     */
    private static List<School> plan(int students, int m, Random rnd) {
        double lyceeAverage = 2_250;
        int colleges = (int) Math.round((m * lyceeAverage - students) / (lyceeAverage - 650));
        colleges = Math.max(0, Math.min(m - 1, colleges));
        int[] sizes = new int[m];
        boolean[] college = new boolean[m];
        int collegeTotal = 0;
        for (int k = 0; k < m; k++) {
            college[k] = (long) (k + 1) * colleges / m > (long) k * colleges / m;
            if (college[k]) {
                sizes[k] = 500 + rnd.nextInt(301);
                collegeTotal += sizes[k];
            }
        }
        int lyceeCount = m - colleges;
        double average = (students - collegeTotal) / (double) lyceeCount;
        int assigned = collegeTotal;
        int last = -1;
        for (int k = 0; k < m; k++) {
            if (!college[k]) {
                sizes[k] = (int) Math.max(1, Math.round(average - 250 + rnd.nextInt(501)));
                assigned += sizes[k];
                last = k;
            }
        }
        // spread the difference on the lycées, one student at a time
        for (int k = 0, diff = students - assigned; diff != 0; k = (k + 1) % m) {
            if (!college[k] && (diff > 0 || sizes[k] > 1)) {
                sizes[k] += Integer.signum(diff);
                diff -= Integer.signum(diff);
            }
        }
        List<School> list = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            list.add(new School(SiecleExportGenerator.uai(FIRST_UAI_NUMBER + k), college[k], sizes[k]));
        }
        return list;
    }

    /** A prepared insert, executed every {@value #BATCH} rows. */
    private static final class Batch implements AutoCloseable {
        final PreparedStatement statement;
        long rows;
        int pending;

        Batch(Connection c, String sql) throws SQLException {
            statement = c.prepareStatement(sql);
        }

        void add(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.addBatch();
            rows++;
            if (++pending == BATCH) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (pending > 0) {
                statement.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            flush();
            statement.close();
        }
    }

    private record Person(long id, List<long[]> codes) {
        // codes: {code id, student id}
    }

    private static Map<String, Long> load(List<School> schools, int totalStudents, int totalLogs, SchoolYear year, LocalDate today,
                                          Instant now) throws SQLException {
        Random rnd = new Random(20261129L);
        Instant yearStart = startOf(year.startsOn());
        Instant lastYearStart = startOf(year.startsOn().minusYears(1));
        Instant lastYearEnd = startOf(year.endsOn().minusYears(1).plusDays(1));
        LocalDate lastYearFirstDay = year.startsOn().minusYears(1);
        long thisYearDays = Math.max(1, today.toEpochDay() - year.startsOn().toEpochDay());
        long lastYearDays = year.endsOn().toEpochDay() - year.startsOn().toEpochDay();
        Timestamp createdAt = Timestamp.from(lastYearStart);
        Date validFrom = Date.valueOf(lastYearFirstDay);
        Map<String, Long> counts = new LinkedHashMap<>();
        long studentId = 0, guardianId = 0, linkId = 0, guardianCodeId = 0, studentCodeId = 0, accountId = 0;
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set foreign_key_checks = 0");
                s.execute("set unique_checks = 0");
            }
            try (Batch mefs = new Batch(c, "insert into mef (uai, code, label, edition_label, mefstat) values (?, ?, ?, ?, ?)");
                 Batch divisions = new Batch(c, "insert into division (uai, code, label, mef_code) values (?, ?, ?, ?)");
                 Batch studentRows = new Batch(c, "insert into student (id, uai, eleve_id, last_name, first_name, birth_date, sex, mef_code,"
                         + " division_code, entry_date, left_on) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 Batch guardians = new Batch(c, "insert into guardian (id, uai, personne_id, civility, last_name, first_name, email, left_on)"
                         + " values (?, ?, ?, ?, ?, ?, ?, ?)");
                 Batch links = new Batch(c, "insert into guardian_link (id, uai, student_id, guardian_id, legal_rank, relationship, ended_on)"
                         + " values (?, ?, ?, ?, ?, ?, ?)");
                 Batch guardianCodes = new Batch(c, "insert into guardian_code (id, uai, link_id, lookup_hash, encrypted_value, hint, created_at,"
                         + " valid_from, valid_link_id, invalidated_at, notified_on) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 Batch studentCodes = new Batch(c, "insert into student_code (id, uai, student_id, lookup_hash, encrypted_value, hint, created_at,"
                         + " valid_from, valid_student_id, invalidated_at, notified_on) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 Batch refusals = new Batch(c, "insert into access_refusal (uai, kind, link_id, student_id, recorded_at, recorded_by,"
                         + " withdrawn_at, active_key) values (?, ?, ?, ?, ?, ?, ?, ?)");
                 Batch accounts = new Batch(c, "insert into portal_account (id, username, email, password_hash, holder, state, created_at,"
                         + " confirmed_at) values (?, ?, ?, ?, ?, ?, ?, ?)");
                 Batch accountCodes = new Batch(c, "insert into portal_account_code (account_id, kind, code_id, uai, student_id, attached_at)"
                         + " values (?, ?, ?, ?, ?, ?)");
                 Batch views = new Batch(c, "insert into consultation_log (consulted_at, uai, mefstat, service, holder, account_id, student_id)"
                         + " values (?, ?, ?, ?, ?, ?, ?)");
                 Batch dayCounts = new Batch(c, "insert into consultation_count (uai, consulted_on, service, holder, mefstat, accesses)"
                         + " values (?, ?, ?, ?, ?, ?)")) {
                long twoYearsSeconds = now.getEpochSecond() - lastYearStart.getEpochSecond();
                for (School school : schools) {
                    String uai = school.uai();
                    List<Mef> mefList = school.college() ? COLLEGE_MEFS : LYCEE_MEFS;
                    long firstStudent = studentId + 1;
                    List<String> studentMefstat = new ArrayList<>();
                    List<Person> persons = new ArrayList<>();
                    List<long[]> studentValidCodes = new ArrayList<>();
                    long[] previousGuardians = null;
                    int placed = 0;
                    for (int mi = 0; mi < mefList.size(); mi++) {
                        Mef mef = mefList.get(mi);
                        mefs.add(uai, mef.code(), mef.label(), mef.label().toLowerCase(Locale.ROOT), mef.mefstat());
                        int n = mi == mefList.size() - 1 ? school.students() - placed : (int) Math.round(school.students() * mef.share());
                        n = Math.max(0, Math.min(n, school.students() - placed));
                        placed += n;
                        int divisionCount = Math.max(1, (int) Math.round(n / 27.5));
                        for (int d = 0; d < divisionCount; d++) {
                            divisions.add(uai, mef.division() + (char) ('A' + d % 26) + (d / 26 == 0 ? "" : d / 26), mef.label() + " " + (d + 1),
                                    mef.code());
                        }
                        for (int i = 0; i < n; i++) {
                            long sid = ++studentId;
                            int d = i * divisionCount / Math.max(1, n);
                            String division = mef.division() + (char) ('A' + d % 26) + (d / 26 == 0 ? "" : d / 26);
                            double p = rnd.nextDouble();
                            LocalDate leftOn = p < 0.015 ? year.startsOn().plusDays(14 + rnd.nextInt(60))
                                    : p < 0.02 ? today.plusDays(1 + rnd.nextInt(40)) : null;
                            studentRows.add(sid, uai, Long.toString(sid), "NOM" + sid, "Prénom", Date.valueOf(LocalDate.of(2010, 1, 1)
                                    .plusDays(rnd.nextInt(2500))), rnd.nextBoolean() ? "M" : "F", mef.code(), division,
                                    Date.valueOf(year.startsOn()), leftOn == null ? null : Date.valueOf(leftOn));
                            studentMefstat.add(mef.mefstat());

                            // legal guardians 1 and 2: siblings share their parents (~12 %), ~62 % have a second
                            long[] legal;
                            if (previousGuardians != null && rnd.nextDouble() < 0.12) {
                                legal = previousGuardians;
                            } else {
                                legal = new long[rnd.nextDouble() < 0.62 ? 2 : 1];
                                for (int g = 0; g < legal.length; g++) {
                                    legal[g] = ++guardianId;
                                    persons.add(new Person(guardianId, new ArrayList<>()));
                                    guardians.add(guardianId, uai, "P" + guardianId, g == 0 ? "MME" : "M.", "PARENT" + guardianId,
                                            "Prénom", "p" + guardianId + "@example.com",
                                            rnd.nextDouble() < 0.005 ? Date.valueOf(year.startsOn().plusDays(20)) : null);
                                }
                            }
                            previousGuardians = legal;
                            List<long[]> studentLinks = new ArrayList<>(); // {link, guardian, rank}
                            for (int g = 0; g < legal.length; g++) {
                                studentLinks.add(new long[] {++linkId, legal[g], g + 1});
                            }
                            if (rnd.nextDouble() < 0.03) { // a rank-0 person (no legal responsibility)
                                long other = ++guardianId;
                                persons.add(new Person(other, new ArrayList<>()));
                                guardians.add(other, uai, "P" + other, "M.", "AUTRE" + other, "Prénom", null, null);
                                studentLinks.add(new long[] {++linkId, other, 0});
                            }
                            for (long[] l : studentLinks) {
                                boolean ended = rnd.nextDouble() < 0.005;
                                links.add(l[0], uai, sid, l[1], (int) l[2], l[2] == 1 ? "MERE" : l[2] == 2 ? "PERE" : "AUTRE",
                                        ended ? Date.valueOf(year.startsOn().plusDays(30)) : null);
                                double r = rnd.nextDouble();
                                boolean refused = l[2] > 0 && r < 0.03;
                                if (refused) {
                                    refusals.add(uai, "GUARDIAN", l[0], sid, createdAt, BY, null, "GUARDIAN:" + l[0] + ":" + uai);
                                } else if (l[2] > 0 && r < 0.037) {
                                    refusals.add(uai, "GUARDIAN", l[0], sid, createdAt, BY, createdAt, null);
                                }
                                if (refused || rnd.nextDouble() < 0.08) { // an older code, invalidated since
                                    long id = ++guardianCodeId;
                                    guardianCodes.add(id, uai, l[0], "%064x".formatted(id), "x", "AB", createdAt, validFrom, null,
                                            createdAt, rnd.nextBoolean() ? Date.valueOf(lastYearFirstDay.plusDays(rnd.nextInt(60))) : null);
                                }
                                if (!refused && rnd.nextDouble() < 0.95) {
                                    long id = ++guardianCodeId;
                                    guardianCodes.add(id, uai, l[0], "%064x".formatted(id), "x", "CD", createdAt, validFrom, l[0], null,
                                            notifiedOn(rnd, year, today, thisYearDays, lastYearDays));
                                    persons.get(persons.size() - 1 - (int) (guardianId - l[1])).codes().add(new long[] {id, sid});
                                }
                            }
                            double r = rnd.nextDouble();
                            if (r < 0.02) {
                                refusals.add(uai, "STUDENT", null, sid, createdAt, BY, null, "STUDENT:" + sid + ":" + uai);
                            } else if (r < 0.025) {
                                refusals.add(uai, "STUDENT", null, sid, createdAt, BY, createdAt, null);
                            }
                            if (rnd.nextDouble() < 0.05) {
                                long id = ++studentCodeId;
                                studentCodes.add(id, uai, sid, "%064x".formatted(id), "x", "EF", createdAt, validFrom, null, createdAt,
                                        Date.valueOf(lastYearFirstDay.plusDays(rnd.nextInt(60))));
                            }
                            if (rnd.nextDouble() < 0.95) {
                                long id = ++studentCodeId;
                                studentCodes.add(id, uai, sid, "%064x".formatted(id), "x", "GH", createdAt, validFrom, sid, null,
                                        notifiedOn(rnd, year, today, thisYearDays, lastYearDays));
                                studentValidCodes.add(new long[] {id, sid});
                            }
                        }
                    }
                    // accounts: ~30 % of guardians (all their valid CARs in it), ~15 % of students
                    for (Person person : persons) {
                        if (!person.codes().isEmpty() && rnd.nextDouble() < 0.32) {
                            Instant at = lastYearStart.plusSeconds((long) (rnd.nextDouble() * twoYearsSeconds));
                            long id = ++accountId;
                            boolean confirmed = rnd.nextDouble() < 0.9;
                            accounts.add(id, "g" + id, "g" + id + "@example.com", "{noop}x", "GUARDIAN", confirmed ? "CONFIRMED" : "PROVISIONAL",
                                    Timestamp.from(at), confirmed ? Timestamp.from(at.plusSeconds(3600)) : null);
                            for (long[] code : person.codes()) {
                                accountCodes.add(id, "CAR", code[0], uai, code[1], Timestamp.from(at));
                            }
                        }
                    }
                    for (long[] code : studentValidCodes) {
                        if (rnd.nextDouble() < 0.158) {
                            Instant at = lastYearStart.plusSeconds((long) (rnd.nextDouble() * twoYearsSeconds));
                            long id = ++accountId;
                            boolean confirmed = rnd.nextDouble() < 0.9;
                            accounts.add(id, "e" + id, "e" + id + "@example.com", "{noop}x", "STUDENT", confirmed ? "CONFIRMED" : "PROVISIONAL",
                                    Timestamp.from(at), confirmed ? Timestamp.from(at.plusSeconds(3600)) : null);
                            accountCodes.add(id, "CAE", code[0], uai, code[1], Timestamp.from(at));
                        }
                    }
                    // page views: this school year up to now, in time order, and 2 % in the previous one (not counted)
                    int n = (int) Math.round((double) totalLogs * school.students() / totalStudents);
                    long[] at = new long[n + n / 50];
                    long span = now.toEpochMilli() - yearStart.toEpochMilli();
                    long lastSpan = lastYearEnd.toEpochMilli() - lastYearStart.toEpochMilli();
                    for (int i = 0; i < at.length; i++) {
                        at[i] = i < n ? yearStart.toEpochMilli() + (long) (rnd.nextDouble() * span)
                                : lastYearStart.toEpochMilli() + (long) (rnd.nextDouble() * lastSpan);
                    }
                    Arrays.sort(at);
                    // the day counts the portal keeps beside its log (consultation_count), the day in Paris
                    Map<List<Object>, Integer> perDay = new LinkedHashMap<>();
                    for (long t : at) {
                        int s = rnd.nextInt(school.students());
                        double p = rnd.nextDouble();
                        String service = p < 0.5 ? "NOTES" : p < 0.85 ? "ABSENCES" : "LPC";
                        String holder = rnd.nextDouble() < 0.7 ? "GUARDIAN" : "STUDENT";
                        views.add(new Timestamp(t), uai, studentMefstat.get(s), service, holder,
                                1 + rnd.nextInt(Math.max(1, (int) accountId)), firstStudent + s);
                        perDay.merge(List.of(Date.valueOf(LocalDate.ofInstant(Instant.ofEpochMilli(t), PARIS)), service, holder,
                                studentMefstat.get(s) == null ? "" : studentMefstat.get(s)), 1, Integer::sum);
                    }
                    for (Map.Entry<List<Object>, Integer> d : perDay.entrySet()) {
                        dayCounts.add(uai, d.getKey().get(0), d.getKey().get(1), d.getKey().get(2), d.getKey().get(3), d.getValue());
                    }
                    c.commit();
                }
                counts.put("mef", mefs.rows);
                counts.put("division", divisions.rows);
                counts.put("student", studentRows.rows);
                counts.put("guardian", guardians.rows);
                counts.put("guardian_link", links.rows);
                counts.put("guardian_code", guardianCodes.rows);
                counts.put("student_code", studentCodes.rows);
                counts.put("access_refusal", refusals.rows);
                counts.put("portal_account", accounts.rows);
                counts.put("portal_account_code", accountCodes.rows);
                counts.put("consultation_log", views.rows);
                counts.put("consultation_count", dayCounts.rows);
            }
            c.commit();
        }
        return counts;
    }

    /** ~60 % notified: two in three of them this school year (up to today), the others last year. */
    private static Date notifiedOn(Random rnd, SchoolYear year, LocalDate today, long thisYearDays, long lastYearDays) {
        double p = rnd.nextDouble();
        if (p < 0.4) {
            return Date.valueOf(year.startsOn().plusDays(rnd.nextInt((int) thisYearDays)));
        }
        if (p < 0.6) {
            return Date.valueOf(year.startsOn().minusYears(1).plusDays(rnd.nextInt((int) lastYearDays)));
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ measures

    private static void measureSyntheses(Map<String, Function<String, Object>> calls, List<School> measured, School largest, int runs) {
        Map<String, List<Long>> all = new LinkedHashMap<>();
        Map<String, List<Long>> ofLargest = new LinkedHashMap<>();
        calls.keySet().forEach(k -> {
            all.put(k, new ArrayList<>());
            ofLargest.put(k, new ArrayList<>());
        });
        for (int r = 0; r < runs; r++) {
            for (School s : measured) {
                for (Map.Entry<String, Function<String, Object>> call : calls.entrySet()) {
                    long t = System.nanoTime();
                    call.getValue().apply(s.uai());
                    long us = (System.nanoTime() - t) / 1_000;
                    all.get(call.getKey()).add(us);
                    if (s == largest) {
                        ofLargest.get(call.getKey()).add(us);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "  %-14s %6s %8s %8s %8s %8s   largest (%s): min / median / max%n", "per call (ms)", "calls",
                "min", "median", "p95", "max", largest.uai());
        for (String k : calls.keySet()) {
            long[] a = all.get(k).stream().mapToLong(Long::longValue).sorted().toArray();
            long[] l = ofLargest.get(k).stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "  %-14s %6d %8.1f %8.1f %8.1f %8.1f   %.1f / %.1f / %.1f%n", k, a.length, a[0] / 1e3,
                    rank(a, 0.5) / 1e3, rank(a, 0.95) / 1e3, a[a.length - 1] / 1e3, l[0] / 1e3, rank(l, 0.5) / 1e3, l[l.length - 1] / 1e3);
        }
        System.out.printf("  load average %s%n", loadAverage());
    }

    /** Nearest-rank percentile of sorted values. */
    private static long rank(long[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** {@code n} establishments evenly spread over the sizes, smallest and largest included, smallest first. */
    private static List<School> sampleOf(List<School> schools, int n) {
        List<School> bySize = new ArrayList<>(schools);
        bySize.sort((a, b) -> Integer.compare(a.students(), b.students()));
        List<School> sample = new ArrayList<>();
        n = Math.min(n, bySize.size());
        for (int i = 0; i < n; i++) {
            School s = bySize.get(n == 1 ? bySize.size() - 1 : (int) Math.round(i * (bySize.size() - 1) / (double) (n - 1)));
            if (!sample.contains(s)) {
                sample.add(s);
            }
        }
        return sample;
    }

    /** The statements behind one establishment's three syntheses, with their MyBatis parameters. */
    private static Map<String, Map<String, Object>> statements(String uai, PeriodParams period) {
        Map<String, Map<String, Object>> statements = new LinkedHashMap<>();
        for (String by : List.of("ESTABLISHMENT", "STRUCTURE")) {
            statements.put("studentCodes " + by, params("studentCodes", by, uai, period));
            statements.put("guardianCodes " + by, params("guardianCodes", by, uai, period));
        }
        statements.put("accessesByDay", params("accessesByDay", null, uai, period));
        statements.put("accessesByMefStat", params("accessesByMefStat", null, uai, period));
        statements.put("mefStatLabels", params("mefStatLabels", null, uai, period));
        return statements;
    }

    private static Map<String, Object> params(String id, String by, String uai, PeriodParams period) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("by", by);
        p.put("uai", uai);
        p.put("academy", null);
        p.put("period", period);
        return p;
    }

    private static PreparedStatement prepare(Connection c, Map<String, Object> params, String prefix) throws SQLException {
        MappedStatement ms = sessions.getConfiguration().getMappedStatement(NS + params.get("id"));
        BoundSql sql = ms.getBoundSql(params);
        PreparedStatement ps = c.prepareStatement(prefix + sql.getSql());
        new DefaultParameterHandler(ms, params, sql).setParameters(ps);
        return ps;
    }

    private static Map<String, Long> timeStatements(Map<String, Map<String, Object>> statements, int runs) throws SQLException {
        Map<String, Long> medians = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (Map.Entry<String, Map<String, Object>> st : statements.entrySet()) {
                long[] times = new long[runs];
                int rows = 0;
                for (int r = 0; r < runs; r++) {
                    long t = System.nanoTime();
                    try (PreparedStatement ps = prepare(c, st.getValue(), ""); ResultSet rs = ps.executeQuery()) {
                        rows = 0;
                        while (rs.next()) {
                            rows++;
                        }
                    }
                    times[r] = (System.nanoTime() - t) / 1_000;
                }
                Arrays.sort(times);
                medians.put(st.getKey(), rank(times, 0.5));
                System.out.printf(Locale.ROOT, "  %-28s median %7.1f  min %7.1f  max %7.1f  (%d rows)%n", st.getKey(), rank(times, 0.5) / 1e3,
                        times[0] / 1e3, times[runs - 1] / 1e3, rows);
            }
        }
        return medians;
    }

    private static void explain(Map<String, Object> params) throws SQLException {
        MappedStatement ms = sessions.getConfiguration().getMappedStatement(NS + params.get("id"));
        System.out.println("  " + ms.getBoundSql(params).getSql().replaceAll("\\s+", " ").strip());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, params, "explain ");
             ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            StringBuilder head = new StringBuilder("  ");
            for (int i = 1; i <= md.getColumnCount(); i++) {
                head.append(md.getColumnLabel(i)).append(i < md.getColumnCount() ? " | " : "");
            }
            System.out.println(head);
            while (rs.next()) {
                StringBuilder line = new StringBuilder("  ");
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    line.append(rs.getString(i)).append(i < md.getColumnCount() ? " | " : "");
                }
                System.out.println(line);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ checks

    private static boolean checkEstablishment(String uai, Synthesis<StudentCodeLine> st, Synthesis<GuardianCodeLine> gu, Accesses ac,
                                              PeriodParams p) throws SQLException {
        Date today = Date.valueOf(p.today());
        Timestamp from = Timestamp.from(p.from());
        Timestamp until = Timestamp.from(p.until());
        String present = " from student s where s.uai = ? and (s.left_on is null or s.left_on > ?)";
        String validCae = "select 1 from student_code c where c.valid_student_id = s.id";
        String caeAccount = "select 1 from student_code c join portal_account_code pc on pc.kind = 'CAE' and pc.code_id = c.id"
                + " join portal_account a on a.id = pc.account_id and a.state = 'CONFIRMED' where c.valid_student_id = s.id";
        String legal = " from student s join guardian_link l on l.student_id = s.id and l.ended_on is null and l.legal_rank in (1, 2)"
                + " join guardian g on g.id = l.guardian_id and (g.left_on is null or g.left_on > ?)"
                + " where s.uai = ? and (s.left_on is null or s.left_on > ?)";
        String carAccount = "select 1 from guardian_code c join portal_account_code pc on pc.kind = 'CAR' and pc.code_id = c.id"
                + " join portal_account a on a.id = pc.account_id and a.state = 'CONFIRMED' where c.valid_link_id = l.id";
        boolean ok = true;
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            StudentCodeLine s = st.establishment();
            long[] expectedStudents = {
                    count(c, "select count(*)" + present, uai, today),
                    count(c, "select count(*)" + present + " and exists (select 1 from access_refusal r where r.student_id = s.id"
                            + " and r.kind = 'STUDENT' and r.withdrawn_at is null)", uai, today),
                    count(c, "select count(*)" + present + " and exists (" + validCae + " and c.notified_on is not null)", uai, today),
                    count(c, "select count(*)" + present + " and exists (" + caeAccount + ")", uai, today),
                    count(c, "select count(*)" + present + " and exists (" + caeAccount + " and a.created_at >= ? and a.created_at < ?)",
                            uai, today, from, until)};
            ok &= same(uai + " studentCodes", new long[] {s.students(), s.refusals(), s.notifiedCodes(), s.accountsCreated(),
                    s.accountsCreatedThisYear()}, expectedStudents, "students, refusals, notified, accounts, accounts this year");

            GuardianCodeLine g = gu.establishment();
            long[] expectedGuardians = {
                    count(c, "select count(*)" + present, uai, today),
                    count(c, "select count(distinct g.id)" + legal, today, uai, today),
                    count(c, "select count(distinct g.id)" + legal + " and exists (select 1 from access_refusal r where r.link_id = l.id"
                            + " and r.kind = 'GUARDIAN' and r.withdrawn_at is null)", today, uai, today),
                    count(c, "select count(distinct g.id)" + legal + " and exists (select 1 from guardian_code c where c.valid_link_id = l.id"
                            + " and c.notified_on is not null)", today, uai, today),
                    count(c, "select count(distinct g.id)" + legal + " and exists (select 1 from guardian_code c where c.valid_link_id = l.id"
                            + " and c.notified_on between ? and ?)", today, uai, today, Date.valueOf(p.startsOn()), Date.valueOf(p.endsOn())),
                    count(c, "select count(distinct g.id)" + legal + " and exists (" + carAccount + ")", today, uai, today),
                    count(c, "select count(distinct g.id)" + legal + " and exists (" + carAccount + " and a.created_at >= ? and a.created_at < ?)",
                            today, uai, today, from, until),
                    count(c, "select count(distinct s.id)" + legal + " and exists (" + carAccount + ")", today, uai, today)};
            ok &= same(uai + " guardianCodes", new long[] {g.students(), g.guardians(), g.refusals(), g.notifiedCodes(),
                    g.notifiedCodesThisYear(), g.accountsCreated(), g.accountsCreatedThisYear(), g.studentsWithGuardianAccount()},
                    expectedGuardians, "students, guardians, refusals, notified, notified this year, accounts, accounts this year, "
                            + "students with a guardian's account");

            String views = "select count(*) from consultation_log where uai = ? and consulted_at >= ? and consulted_at < ?";
            long total = count(c, views, uai, from, until);
            long guardians = count(c, views + " and holder = 'GUARDIAN'", uai, from, until);
            long notes = count(c, views + " and service = 'NOTES'", uai, from, until);
            long absences = count(c, views + " and service = 'ABSENCES'", uai, from, until);
            long lpc = count(c, views + " and service = 'LPC'", uai, from, until);
            ok &= same(uai + " accesses", new long[] {sum(ac.byCategory(), Accesses.ByCategory::total),
                    sum(ac.byCategory(), Accesses.ByCategory::guardians), byCategory(ac, "NOTES"), byCategory(ac, "ABSENCES"),
                    byCategory(ac, "LPC"), sum(ac.byMonth(), Accesses.ByMonth::total), sum(ac.byMefStat(), Accesses.ByMefStat::total)},
                    new long[] {total, guardians, notes, absences, lpc, total, total},
                    "views, by guardians, NOTES, ABSENCES, LPC, sum of months, sum of MEFSTATs");
        }
        return ok;
    }

    private static boolean checkAcademy(Synthesis<StudentCodeLine> st, Synthesis<GuardianCodeLine> gu, Accesses ac,
                                        Map<String, Synthesis<StudentCodeLine>> students, Map<String, Synthesis<GuardianCodeLine>> guardians,
                                        Map<String, Accesses> accesses) {
        List<ToIntFunction<StudentCodeLine>> sf = List.of(StudentCodeLine::students, StudentCodeLine::refusals,
                StudentCodeLine::notifiedCodes, StudentCodeLine::accountsCreated, StudentCodeLine::accountsCreatedThisYear);
        List<ToIntFunction<GuardianCodeLine>> gf = List.of(GuardianCodeLine::students, GuardianCodeLine::guardians,
                GuardianCodeLine::refusals, GuardianCodeLine::notifiedCodes, GuardianCodeLine::notifiedCodesThisYear,
                GuardianCodeLine::accountsCreated, GuardianCodeLine::accountsCreatedThisYear, GuardianCodeLine::studentsWithGuardianAccount);
        boolean ok = true;
        ok &= same("académie studentCodes line", fields(st.academy(), sf),
                sumFields(students.values().stream().map(Synthesis::establishment).toList(), sf), "= sum of the establishments' lines");
        ok &= same("académie guardianCodes line", fields(gu.academy(), gf),
                sumFields(guardians.values().stream().map(Synthesis::establishment).toList(), gf), "= sum of the establishments' lines");
        int rowsDiffering = 0;
        for (StudentCodeLine row : st.rows()) {
            rowsDiffering += Arrays.equals(fields(row, sf), fields(students.get(row.uai()).establishment(), sf)) ? 0 : 1;
        }
        for (GuardianCodeLine row : gu.rows()) {
            rowsDiffering += Arrays.equals(fields(row, gf), fields(guardians.get(row.uai()).establishment(), gf)) ? 0 : 1;
        }
        boolean rowsOk = rowsDiffering == 0 && st.rows().size() == students.size() && gu.rows().size() == guardians.size();
        System.out.printf(Locale.ROOT, "Check académie rows: %d + %d rows, %d differ from their establishment's line: %s%n",
                st.rows().size(), gu.rows().size(), rowsDiffering, rowsOk ? "ok" : "FAILED");
        ok &= rowsOk;
        long[] expected = new long[ac.byCategory().size() + ac.byMonth().size()];
        for (Accesses a : accesses.values()) {
            for (int i = 0; i < a.byCategory().size(); i++) {
                expected[i] += a.byCategory().get(i).total();
            }
            for (int i = 0; i < a.byMonth().size(); i++) {
                expected[a.byCategory().size() + i] += a.byMonth().get(i).total();
            }
        }
        long[] actual = new long[expected.length];
        for (int i = 0; i < ac.byCategory().size(); i++) {
            actual[i] = ac.byCategory().get(i).total();
        }
        for (int i = 0; i < ac.byMonth().size(); i++) {
            actual[ac.byCategory().size() + i] = ac.byMonth().get(i).total();
        }
        ok &= same("académie accesses", actual, expected, "per category then per month = sum of the establishments'");
        return ok;
    }

    private static <L> long[] fields(L line, List<ToIntFunction<L>> fields) {
        return fields.stream().mapToLong(f -> f.applyAsInt(line)).toArray();
    }

    private static <L> long[] sumFields(List<L> lines, List<ToIntFunction<L>> fields) {
        long[] sum = new long[fields.size()];
        for (L l : lines) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += fields.get(i).applyAsInt(l);
            }
        }
        return sum;
    }

    private static <T> long sum(List<T> list, ToLongFunction<T> f) {
        return list.stream().mapToLong(f).sum();
    }

    private static long byCategory(Accesses a, String category) {
        return a.byCategory().stream().filter(c -> c.category().equals(category)).mapToLong(Accesses.ByCategory::total).sum();
    }

    private static boolean same(String what, long[] actual, long[] expected, String fields) {
        boolean same = Arrays.equals(actual, expected);
        System.out.printf(Locale.ROOT, "Check %s (%s): %s %s %s%n", what, fields, Arrays.toString(actual),
                same ? "=" : "DIFFERS FROM", Arrays.toString(expected));
        return same;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private record IntSummary(int n, int min, int max) {
        static IntSummary of(int[] values) {
            return new IntSummary(values.length, Arrays.stream(values).min().orElse(0), Arrays.stream(values).max().orElse(0));
        }
    }

    private static long presentCount(String uai, LocalDate today) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            return count(c, "select count(*) from student where uai = ? and (left_on is null or left_on > ?)", uai, Date.valueOf(today));
        }
    }

    private static String variable(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("show global variables like '" + name + "'")) {
            return r.next() ? r.getString(2) : "?";
        }
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(PARIS).toInstant();
    }
}
