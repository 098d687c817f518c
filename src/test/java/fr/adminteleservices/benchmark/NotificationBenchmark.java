package fr.adminteleservices.benchmark;

import static fr.adminteleservices.benchmark.Machine.deleteTree;
import static fr.adminteleservices.benchmark.Machine.freshDatabase;
import static fr.adminteleservices.benchmark.Machine.gcCount;
import static fr.adminteleservices.benchmark.Machine.gcMillis;
import static fr.adminteleservices.benchmark.Machine.gcNames;
import static fr.adminteleservices.benchmark.Machine.loadAverage;
import static fr.adminteleservices.benchmark.Machine.mailTo;
import static fr.adminteleservices.benchmark.Machine.mariaDbVersion;
import static fr.adminteleservices.benchmark.Machine.mariaDbVersionQuietly;
import static fr.adminteleservices.benchmark.Machine.startApplication;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.adminteleservices.catalogue.Catalogue;
import fr.adminteleservices.catalogue.NationalService;
import fr.adminteleservices.codes.Couple;
import fr.adminteleservices.codes.GenerationResult;
import fr.adminteleservices.codes.GuardianCodes;
import fr.adminteleservices.establishment.Academy;
import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentKind;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import fr.adminteleservices.establishment.SiecleModule;
import fr.adminteleservices.notification.Channel;
import fr.adminteleservices.notification.JobView;
import fr.adminteleservices.notification.NotificationJobs;
import fr.adminteleservices.notification.Notifications;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.siecle.ImportReport;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.siecle.generator.SiecleExportGenerator;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The notification feature end to end, on the real MariaDB (127.0.0.1:3306, root without password), database
 * {@code teleservices_notif_bench}, dropped and recreated. Not a timed test: it measures and prints, and fails
 * (exit status 1) only when the results are wrong, never on a time.
 *
 * <p>Set-up (not timed): an académie opening NOTES, one establishment imported from a generated SIECLE export
 * ({@link SiecleExportGenerator}, 1,250 students: 2,195 eligible couples), declared, NOTES open; CARs generated
 * ({@code GuardianCodes.generate}) for the first N eligible couples only (N = {@code --couples}, 2,000), so that the
 * notification of "all couples" is exactly N couples; the lifecycles of the codes run (job executor ON, default
 * settings) and are awaited; every guardian of the establishment gets a distinct e-mail address
 * ({@code g<id>@example.fr}, JDBC update). A GreenMail SMTP server runs in this JVM on a free loopback port and the
 * application sends to it ({@code spring.mail.host/port}, {@code teleservices.mail.embedded=false}).
 *
 * <p>A warm-up (not counted) notifies one division on paper then by e-mail: the first job after start pays for class
 * loading, FOP's set-up (fonts, stylesheet) and the JIT. Then each run (the codes' {@code notified_on} reset first):
 * <ol>
 *   <li>paper: {@code Notifications.notifyGuardians(uai, {PAPER}, false, null, null, "bench")}, then the process
 *       {@code code-notification} runs in the job executor; {@code NotificationJobs.job(id)} is polled every 50 ms until
 *       DONE. Step durations are the engine's own ({@code ACT_HI_ACTINST.DURATION_}, ms). Heap: the JVM's heap used
 *       sampled every 50 ms from the request to DONE (sampled peak), the pools' peaks after {@code System.gc()} and
 *       {@code resetPeakUsage()} just before the request (G1 Old Gen alone, and all heap pools summed), and the
 *       largest heap used right after a collection (GC notifications; the closest to the live set). Checks: DONE,
 *       N printed, the PDF has N pages (PDFBox) and its first page is the first couple's letter, N codes have
 *       {@code notified_on} set and N {@code code_notification} rows;</li>
 *   <li>e-mail: the same with {@code {EMAIL}}; checks: DONE, N e-mailed, GreenMail received exactly N messages, N
 *       distinct Message-IDs, and the recipients (as a multiset: a guardian with two children gets two e-mails) are
 *       exactly the job's guardians' addresses; N outbox rows SENT; N codes notified.</li>
 * </ol>
 * For each run, the MariaDB server's counters (SHOW GLOBAL STATUS: Questions, Com_commit, Com_select, Com_insert,
 * Com_update) are read before and after: statements per letter or e-mail (the server is shared: other clients, e.g.
 * the test suite, count too); CPU of this JVM and of the MariaDB server, of this JVM's Java threads by name (sampled
 * every 50 ms: job executor, GreenMail's SMTP threads...) and of its GC and JIT threads (/proc). After each run the
 * heap used after {@code System.gc()} is printed: a paper job leaves about 100 MB behind, the last PDF document that
 * FOP keeps reachable through a static field until the next rendering (see {@code bench.fop-leak-probe}); an e-mail
 * job leaves GreenMail's copies of the messages (purged before the next run).
 *
 * <p>JIT: the small warm-up does not warm the JIT up, so on 2 cores each part's first 2,000-item run pays several
 * seconds of C1/C2 compilation (printed as "C# Compiler"); the second run of each part is the warm figure.
 *
 * <p>Step durations: ProduirePdf and EnvoyerCourriels are asynchronous continuations; "Terminer" runs in the
 * EnvoyerCourriels job. Whole job = from the call of notifyGuardians to DONE seen by the 50 ms polling.
 *
 * <p>Run it alone: {@code mvn -B -Pbenchmark -DskipTests -DskipFrontend=true test-compile exec:exec@notification-benchmark}.
 * Arguments: {@code --couples N} (2,000), {@code --students S} (1,250), {@code --runs R} (2), {@code --part
 * pdf|email|both} (both), {@code --warm-up true|false} (true), {@code --slice-size G} (the outbox's
 * {@code teleservices.mail.slice-size}; default: the application's, 500). System property
 * {@code bench.pause-after-run-ms}: sleep after each run (to take a heap histogram or dump with jcmd);
 * {@code bench.fop-leak-probe=true}: after each paper run, cut by reflection the link from FOP's static
 * {@code PDFPageLabels.S_DECIMAL} to the last PDF document and print the heap freed (a diagnosis; it changes the
 * baseline of the following runs).
 */
public final class NotificationBenchmark {

    /** The database, dropped and recreated: {@code -Dbenchmark.notification.database} (engineers sharing a server use their own). */
    private static final String DATABASE = System.getProperty("benchmark.notification.database", "teleservices_notif_bench");
    private static final String ACADEMY = "bench";
    private static final String BY = "bench";
    private static final int START_YEAR = 2026;
    static final String UAI = SiecleExportGenerator.uai(990201);
    private static final String[] STATUS = {"Questions", "Com_commit", "Com_select", "Com_insert", "Com_update"};

    /** The benchmark database (set by main, or by another benchmark that reuses {@link #setUp}). */
    static String url;
    private static String dbPid;
    private static GreenMail smtp;

    public static void main(String[] args) throws Exception {
        int couples = 2_000;
        int students = 1_250;
        int runs = 2;
        String part = "both";
        boolean warmUp = true;
        String sliceSize = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--couples" -> couples = Integer.parseInt(args[++i]);
                case "--students" -> students = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--part" -> part = args[++i];
                case "--warm-up" -> warmUp = Boolean.parseBoolean(args[++i]);
                case "--slice-size" -> sliceSize = args[++i];
                default -> throw new IllegalArgumentException("Unknown argument: " + args[i]
                        + " (--couples N --students S --runs R --part pdf|email|both --warm-up true|false --slice-size G)");
            }
        }
        boolean pdf = !part.equals("email");
        boolean email = !part.equals("pdf");
        url = freshDatabase(DATABASE);
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();

        Map<String, String> properties = mailTo(smtp);
        if (sliceSize != null) {
            properties.put("teleservices.mail.slice-size", sliceSize);
        }
        long startingAt = System.nanoTime();
        ConfigurableApplicationContext app = startApplication(url, true, properties);
        boolean ok = true;
        try {
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "%nApplication started in %,d ms on %s (%s); %d processors, max heap %,d MB, "
                            + "GC %s, Java %s; SMTP: GreenMail on 127.0.0.1:%d (this JVM), slice size %s; load average %s%n",
                    (System.nanoTime() - startingAt) / 1_000_000, url, mariaDbVersion(url), rt.availableProcessors(),
                    rt.maxMemory() >> 20, gcNames(), System.getProperty("java.version"), smtp.getSmtp().getPort(),
                    sliceSize == null ? "default (500)" : sliceSize, loadAverage());

            Setup setup = setUp(app, students, couples);
            if (warmUp) {
                System.out.printf(Locale.ROOT, "%nWarm-up (not counted), division %s:%n", setup.warmUpDivision);
                if (pdf) {
                    ok &= run(app, "warm-up", Channel.PAPER, setup.warmUpDivision, -1).ok;
                }
                if (email) {
                    ok &= run(app, "warm-up", Channel.EMAIL, setup.warmUpDivision, -1).ok;
                }
            }
            List<Run> results = new ArrayList<>();
            for (int r = 1; r <= runs; r++) {
                if (pdf) {
                    Run run = run(app, "run " + r, Channel.PAPER, null, couples);
                    ok &= run.ok;
                    results.add(run);
                }
                if (email) {
                    Run run = run(app, "run " + r, Channel.EMAIL, null, couples);
                    ok &= run.ok;
                    results.add(run);
                }
            }
            summary(results);
            System.out.printf("%n%s%n%n", ok ? "Notification benchmark: all checks passed."
                    : "Notification benchmark: CHECKS FAILED (see above).");
        } finally {
            app.close();
            smtp.stop();
        }
        if (!ok) {
            System.exit(1);
        }
    }

    // ------------------------------------------------------------------------------------------------ set-up

    record Setup(String warmUpDivision) {
    }

    static Setup setUp(ConfigurableApplicationContext app, int students, int couples) throws Exception {
        EstablishmentService establishments = app.getBean(EstablishmentService.class);
        Catalogue catalogue = app.getBean(Catalogue.class);
        SiecleImportService imports = app.getBean(SiecleImportService.class);
        ServiceOpening opening = app.getBean(ServiceOpening.class);
        GuardianCodes codes = app.getBean(GuardianCodes.class);
        long t = System.nanoTime();
        establishments.createAcademy(new Academy(ACADEMY, "Académie de mesure"), new SchoolYear(ACADEMY, START_YEAR,
                LocalDate.of(START_YEAR, 9, 1), LocalDate.of(START_YEAR + 1, 7, 4), true));
        catalogue.updateTeleservicesUrl(ACADEMY, "https://teleservices.ac-mesure.example.fr", BY);
        catalogue.updateService(ACADEMY, NationalService.NOTES.name(), true, false, null, BY);
        establishments.register(new Establishment(UAI, ACADEMY, "Collège de mesure " + UAI, EstablishmentKind.COLLEGE,
                "1 rue de la Mesure", null, "99000", "Mesure", "M. Mesure", List.of(), EnumSet.allOf(SiecleModule.class)));
        Path exports = Files.createTempDirectory("bench-notification-export-");
        ImportReport report;
        try {
            new SiecleExportGenerator(13L, START_YEAR).writeEstablishment(exports, 0, UAI, students,
                    SiecleExportGenerator.GuardianFormat.RESP_LEGAL, SiecleExportGenerator.Kind.COLLEGE);
            List<SiecleImportService.Upload> uploads;
            try (Stream<Path> files = Files.list(exports)) {
                uploads = files.sorted().map(p -> new SiecleImportService.Upload(p.getFileName().toString(),
                        () -> Files.newInputStream(p))).toList();
            }
            report = imports.importExports(UAI, uploads, BY);
        } finally {
            deleteTree(exports);
        }
        opening.declare(UAI, BY);
        opening.setOpen(UAI, NationalService.NOTES.name(), true, BY);
        List<Couple> all = codes.couples(UAI, false, null, null, null);
        List<Couple> eligible = all.stream().filter(Couple::eligible).toList();
        System.out.printf(Locale.ROOT, "Set-up %s: %,d students, %,d guardians, %,d links imported (%,d rejected); %,d couples, "
                        + "%,d eligible; in %,d ms%n", UAI, report.students().created(), report.guardians().created(),
                report.links().created(), report.rejected().size(), all.size(), eligible.size(), (System.nanoTime() - t) / 1_000_000);
        if (eligible.size() < couples) {
            throw new IllegalStateException("Only " + eligible.size() + " eligible couples for " + couples
                    + " wanted: raise --students");
        }
        List<Long> links = eligible.subList(0, couples).stream().map(Couple::linkId).toList();
        t = System.nanoTime();
        GenerationResult generated = codes.generate(UAI, links, false, null, null, BY);
        if (generated.created() != couples) {
            throw new IllegalStateException("Generated " + generated.created() + " codes, " + couples + " wanted");
        }
        awaitQuiet();
        int withEmail;
        try (Connection c = DriverManager.getConnection(url, "root", "");
             PreparedStatement s = c.prepareStatement("update guardian set email = concat('g', id, '@example.fr') where uai = ?")) {
            s.setString(1, UAI);
            withEmail = s.executeUpdate();
        }
        // the division with the fewest codes (at least 10) warms up
        Map<String, Integer> perDivision = new TreeMap<>();
        Set<Long> coded = new HashSet<>(links);
        for (Couple c : eligible) {
            if (coded.contains(c.linkId()) && c.student().division() != null) {
                perDivision.merge(c.student().division(), 1, Integer::sum);
            }
        }
        String warmUp = perDivision.entrySet().stream().filter(e -> e.getValue() >= 10)
                .min(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
        System.out.printf(Locale.ROOT, "Set-up: %,d CARs generated and their lifecycles run in %,d ms; %,d guardians given an "
                        + "e-mail address; %d divisions (warm-up: %s, %d couples); load average %s%n", generated.created(),
                (System.nanoTime() - t) / 1_000_000, withEmail, perDivision.size(), warmUp, perDivision.get(warmUp), loadAverage());
        return new Setup(warmUp);
    }

    // ------------------------------------------------------------------------------------------------ runs

    private record Run(String name, Channel channel, int items, long requestMs, long wholeMs, int deciderJobs, long deciderMs,
                       long pdfMs, long mailMs, long pdfBytes, long baseline, long sampledPeak, long oldGenPeak, long poolsPeak, long maxAfterGc,
                       long gcCount, long gcMs, long jvmCpuMs, long dbCpuMs, Map<String, Long> status, String threadCpu, String load, boolean ok) {
    }

    /** expected: the number of items the job must have, -1 for any (warm-up). */
    private static Run run(ConfigurableApplicationContext app, String name, Channel channel, String division, int expected)
            throws Exception {
        Notifications notifications = app.getBean(Notifications.class);
        NotificationJobs jobs = app.getBean(NotificationJobs.class);
        HistoryService history = app.getBean(HistoryService.class);
        boolean ok = true;
        awaitQuiet();
        exec("update guardian_code set notified_on = null where uai = ?", UAI);
        smtp.purgeEmailFromAllMailboxes();
        String load = loadAverage();

        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long gcCount0 = gcCount();
        long gcMs0 = gcMillis();
        Map<String, Long> status0 = status();
        long[] cpu0 = cpu();
        Map<String, Long> internal0 = jvmInternalCpu();
        HeapWatch watch = HeapWatch.start();
        long start = System.nanoTime();
        String jobId = notifications.notifyGuardians(UAI, Set.of(channel), false, division, null, BY);
        long requested = System.nanoTime();
        JobView job;
        while (true) {
            job = jobs.job(jobId);
            if (!"RUNNING".equals(job.state())) {
                break;
            }
            if (System.nanoTime() - start > 900_000_000_000L) {
                throw new IllegalStateException("Job " + jobId + " not finished after 15 min: " + job);
            }
            Thread.sleep(50);
        }
        long done = System.nanoTime();
        watch.stop();
        long[] cpu1 = cpu();
        Map<String, Long> internal1 = jvmInternalCpu();
        Map<String, Long> status1 = status();
        long oldGenPeak = 0;
        long poolsPeak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                poolsPeak += p.getPeakUsage().getUsed();
                if (p.getName().contains("Old Gen") || p.getName().contains("Tenured")) {
                    oldGenPeak = p.getPeakUsage().getUsed();
                }
            }
        }
        long gcCount = gcCount() - gcCount0;
        long gcMs = gcMillis() - gcMs0;
        Map<String, Long> delta = new LinkedHashMap<>();
        for (String k : STATUS) {
            delta.put(k, status1.get(k) - status0.get(k));
        }

        // the engine's durations of the steps
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(jobId)
                .processDefinitionKey("code-notification").singleResult();
        Map<String, long[]> steps = new HashMap<>();
        for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).list()) {
            long[] s = steps.computeIfAbsent(a.getActivityId(), k -> new long[2]);
            s[0]++;
            s[1] += a.getDurationInMillis() == null ? 0 : a.getDurationInMillis();
        }
        long[] none = new long[2];
        long[] decider = steps.getOrDefault("Decider", none);
        long pdfMs = steps.getOrDefault("ProduirePdf", none)[1];
        long mailMs = steps.getOrDefault("EnvoyerCourriels", none)[1];

        int items = job.total();
        long requestMs = (requested - start) / 1_000_000;
        long wholeMs = (done - start) / 1_000_000;
        String label = name + " " + (channel == Channel.PAPER ? "paper " : "e-mail");
        // ----- checks (not timed)
        if (!"DONE".equals(job.state())) {
            System.out.printf("  CHECK FAILED: %s: job %s ended %s: %s%n", label, jobId, job.state(), job.failure());
            ok = false;
        }
        if (expected >= 0) {
            ok &= check(label + ": items of the job", items, expected);
        }
        ok &= check(label + ": skipped items", job.skipped().size(), 0);
        ok &= check(label + ": codes marked notified", count("select count(*) from notification_item i join guardian_code c"
                + " on c.id = i.code_id where i.job_id = ? and c.notified_on is not null", jobId), items);
        ok &= check(label + ": code_notification rows", count("select count(*) from code_notification where job_id = ?", jobId), items);
        long pdfBytes = 0;
        if (channel == Channel.PAPER) {
            ok &= check(label + ": printed", job.printed(), items);
            fr.adminteleservices.notification.NotificationPdfs.Stored stored = jobs.pdf(jobId);
            if (stored == null) {
                System.out.printf("  CHECK FAILED: %s: no PDF%n", label);
                ok = false;
            } else {
                // streamed from the database's parts, as a download reads it
                Path file = Files.createDirectories(Path.of("target", "notification-benchmark")).resolve(jobId + ".pdf");
                try (java.io.InputStream in = stored.content()) {
                    Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                pdfBytes = stored.size();
                ok &= checkPdf(label, file, jobId, items);
            }
        } else {
            ok &= check(label + ": e-mailed", job.emailed(), items);
            ok &= check(label + ": outbox rows SENT", count("select count(*) from mail_outbox where batch_id = ? and state = 'SENT'",
                    jobId), items);
            ok &= checkMails(label, jobId, items);
        }
        Run run = new Run(label, channel, items, requestMs, wholeMs, (int) decider[0], decider[1], pdfMs, mailMs, pdfBytes,
                baseline, watch.sampledPeak.get(), oldGenPeak, poolsPeak, watch.maxAfterGc.get(), gcCount, gcMs,
                (cpu1[0] - cpu0[0]) / 1_000_000, cpu1[1] < 0 ? -1 : cpu1[1] - cpu0[1], delta,
                watch.threadCpu(6) + "; JVM-internal (from /proc): " + diff(internal0, internal1), load, ok);
        print(run);
        System.gc();
        long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf(Locale.ROOT, "  heap used after System.gc() after the job and its checks: %,d MB (%+,d MB against before)%n",
                retained >> 20, (retained - baseline) >> 20);
        if (channel == Channel.PAPER && Boolean.getBoolean("bench.fop-leak-probe")) {
            // FOP keeps the last PDF document reachable: static PDFPageLabels.S_DECIMAL (a PDFName) -> parent (a
            // PDFDictionary of that document) -> PDFDocument -> every page. Cut that link and see what is freed.
            java.lang.reflect.Field f = Class.forName("org.apache.fop.pdf.PDFPageLabels").getDeclaredField("S_DECIMAL");
            f.setAccessible(true);
            ((org.apache.fop.pdf.PDFObject) f.get(null)).setParent(null);
            System.gc();
            long cut = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf(Locale.ROOT, "  probe: after PDFPageLabels.S_DECIMAL.setParent(null) and System.gc(): %,d MB (%+,d MB)%n",
                    cut >> 20, (cut - retained) >> 20);
        }
        long pause = Long.getLong("bench.pause-after-run-ms", 0);
        if (pause > 0) {
            System.out.printf("  (pausing %,d ms: -Dbench.pause-after-run-ms)%n", pause);
            Thread.sleep(pause);
        }
        return run;
    }

    private static boolean checkPdf(String label, Path file, String jobId, int items) throws Exception {
        boolean ok = true;
        String firstGuardian;
        try (Connection c = DriverManager.getConnection(url, "root", "");
             PreparedStatement s = c.prepareStatement("select g.last_name from notification_item i join guardian_link l"
                     + " on l.id = i.link_id join guardian g on g.id = l.guardian_id where i.job_id = ? order by i.position limit 1")) {
            s.setString(1, jobId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                firstGuardian = r.getString(1).toUpperCase(Locale.FRENCH);
            }
        }
        try (PDDocument document = Loader.loadPDF(file.toFile())) {
            ok &= check(label + ": pages of the PDF", document.getNumberOfPages(), items);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            String text = stripper.getText(document).replace('\u00A0', ' ');
            if (!text.contains(firstGuardian)) {
                System.out.printf("  CHECK FAILED: %s: page 1 is not the letter to %s%n", label, firstGuardian);
                ok = false;
            }
        }
        return ok;
    }

    private static boolean checkMails(String label, String jobId, int items) throws Exception {
        boolean ok = true;
        MimeMessage[] received = smtp.getReceivedMessages();
        ok &= check(label + ": messages received by the SMTP server", received.length, items);
        Map<String, Integer> got = new HashMap<>();
        Set<String> messageIds = new HashSet<>();
        for (MimeMessage m : received) {
            for (var a : m.getRecipients(Message.RecipientType.TO)) {
                got.merge(a.toString().toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
            messageIds.add(m.getMessageID());
        }
        ok &= check(label + ": distinct Message-IDs", messageIds.size(), items);
        Map<String, Integer> want = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, "root", "");
             PreparedStatement s = c.prepareStatement("select g.email from notification_item i join guardian_link l"
                     + " on l.id = i.link_id join guardian g on g.id = l.guardian_id where i.job_id = ?")) {
            s.setString(1, jobId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    want.merge(r.getString(1).toLowerCase(Locale.ROOT), 1, Integer::sum);
                }
            }
        }
        if (!got.equals(want)) {
            long missing = want.entrySet().stream().filter(e -> !e.getValue().equals(got.get(e.getKey()))).count();
            System.out.printf("  CHECK FAILED: %s: recipients differ from the job's guardians (%d addresses wrong)%n", label, missing);
            ok = false;
        }
        System.out.printf(Locale.ROOT, "  %s: %,d messages to %,d distinct addresses (guardians of several children get one per "
                + "couple), %,d distinct Message-IDs%n", label, received.length, got.size(), messageIds.size());
        return ok;
    }

    // ------------------------------------------------------------------------------------------------ output

    private static void print(Run r) {
        System.out.printf(Locale.ROOT, "%s: %,d items, load average %s before%n", r.name, r.items, r.load);
        System.out.printf(Locale.ROOT, "  request %,d ms; Decider %d jobs %,d ms; ProduirePdf %,d ms; EnvoyerCourriels %,d ms; "
                        + "whole job (request to DONE seen, 50 ms polling) %,d ms = %,.1f %s/s%n", r.requestMs, r.deciderJobs,
                r.deciderMs, r.pdfMs, r.mailMs, r.wholeMs, r.items / (r.wholeMs / 1000.0),
                r.channel == Channel.PAPER ? "letters" : "e-mails");
        if (r.channel == Channel.PAPER) {
            System.out.printf(Locale.ROOT, "  ProduirePdf: %,.1f letters/s; PDF %,.2f MB (%,.1f KB per letter)%n",
                    r.items / (r.pdfMs / 1000.0), r.pdfBytes / 1e6, r.pdfBytes / 1024.0 / Math.max(1, r.items));
        } else {
            System.out.printf(Locale.ROOT, "  EnvoyerCourriels: %,.1f e-mails/s (%.2f ms per e-mail)%n",
                    r.items / (r.mailMs / 1000.0), (double) r.mailMs / Math.max(1, r.items));
        }
        System.out.printf(Locale.ROOT, "  heap (max %,d MB): used after System.gc() before the request %,d MB; sampled peak %,d MB;"
                        + " pools' peaks since resetPeakUsage: G1 Old Gen %,d MB (all heap pools summed %,d MB: peaks of"
                        + " different moments, may exceed the max); max used right after a GC %,d MB; %d GCs, %,d ms%n",
                Runtime.getRuntime().maxMemory() >> 20, r.baseline >> 20, r.sampledPeak >> 20, r.oldGenPeak >> 20,
                r.poolsPeak >> 20, r.maxAfterGc >> 20, r.gcCount, r.gcMs);
        System.out.printf(Locale.ROOT, "  CPU: this JVM %,d ms, MariaDB %,d ms; MariaDB statements (whole server): %s; per item: "
                        + "%.1f statements, %.2f commits%n", r.jvmCpuMs, r.dbCpuMs, r.status,
                r.status.get("Questions") / (double) Math.max(1, r.items), r.status.get("Com_commit") / (double) Math.max(1, r.items));
        System.out.printf(Locale.ROOT, "  CPU ms by thread (sampled every 50 ms; GC and JIT threads not included): %s%n", r.threadCpu);
    }

    private static void summary(List<Run> runs) {
        System.out.printf(Locale.ROOT, "%nSummary (%s; %d processors; max heap %,d MB; load average now %s)%n",
                mariaDbVersionQuietly(url), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                loadAverage());
        System.out.println("run            items  request ms  decide ms  step ms  step /s  whole ms  whole /s  PDF MB"
                + "  heap base MB  sampled peak MB  old gen peak MB  after-GC max MB  JVM CPU ms  DB CPU ms  stmts/item  commits/item  load before");
        for (Run r : runs) {
            long step = r.channel == Channel.PAPER ? r.pdfMs : r.mailMs;
            System.out.printf(Locale.ROOT, "%-13s  %5d  %10d  %9d  %7d  %7.1f  %8d  %8.1f  %6.2f  %12d  %15d  %15d  %15d  %10d  %9d"
                            + "  %10.1f  %12.2f  %s%n", r.name, r.items, r.requestMs, r.deciderMs, step,
                    r.items / (step / 1000.0), r.wholeMs, r.items / (r.wholeMs / 1000.0), r.pdfBytes / 1e6, r.baseline >> 20,
                    r.sampledPeak >> 20, r.oldGenPeak >> 20, r.maxAfterGc >> 20, r.jvmCpuMs, r.dbCpuMs,
                    r.status.get("Questions") / (double) r.items, r.status.get("Com_commit") / (double) r.items, r.load);
        }
        System.out.println("step: ProduirePdf (paper) or EnvoyerCourriels (e-mail), the engine's durations. Targets: 2,000 letters"
                + " in < 20 s (whole job) with -Xmx512m; >= 50 e-mails/s.");
        for (Run r : runs) {
            if (r.channel == Channel.PAPER) {
                System.out.printf(Locale.ROOT, "  %s: %,d letters in %,.1f s: %s%n", r.name, r.items, r.wholeMs / 1000.0,
                        r.wholeMs < 20_000 && r.items >= 2_000 ? "met" : r.items < 2_000 ? "n/a (fewer letters)" : "MISSED");
            } else {
                System.out.printf(Locale.ROOT, "  %s: %,.1f e-mails/s (step), %,.1f (whole job): %s%n", r.name,
                        r.items / (r.mailMs / 1000.0), r.items / (r.wholeMs / 1000.0),
                        r.items / (r.mailMs / 1000.0) >= 50 ? "met" : "MISSED");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Waits until the job executor has nothing left to do now (the lifecycles of the codes, earlier runs). */
    private static void awaitQuiet() throws Exception {
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            while (true) {
                long jobs = Machine.count(c, "select count(*) from ACT_RU_JOB where TYPE_ <> 'timer' and RETRIES_ > 0");
                long generations = Machine.count(c, "select count(*) from code_generation g where g.lifecycles_done_at is null and"
                        + " exists (select 1 from guardian_code c where c.generation_id = g.id and c.lifecycle_started = false)");
                if (jobs == 0 && generations == 0) {
                    break;
                }
                if (System.nanoTime() - start > 600_000_000_000L) {
                    throw new IllegalStateException("Background work not finished after 10 min: " + jobs + " jobs");
                }
                Thread.sleep(100);
            }
            long failed = Machine.count(c, "select count(*) from ACT_RU_JOB where RETRIES_ = 0");
            if (failed > 0) {
                throw new IllegalStateException(failed + " failed jobs (incidents)");
            }
        }
    }

    private static Map<String, Long> status() throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("show global status where Variable_name in ('" + String.join("','", STATUS) + "')")) {
            while (r.next()) {
                m.put(r.getString(1), r.getLong(2));
            }
        }
        return m;
    }

    private static void exec(String sql, Object... params) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "root", ""); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }

    private static long count(String sql, Object... params) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            return Machine.count(c, sql, params);
        }
    }

    private static boolean check(String what, long actual, long expected) {
        if (actual != expected) {
            System.out.printf(Locale.ROOT, "  CHECK FAILED: %s: %,d, expected %,d%n", what, actual, expected);
            return false;
        }
        return true;
    }

    /** CPU used so far: this JVM (ns) and the MariaDB server process (ms, from /proc; -1 if not found). */
    private static long[] cpu() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
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
                db = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
            }
        } catch (IOException | RuntimeException e) {
            dbPid = "";
        }
        return new long[] {jvm, db};
    }

    /** CPU ms so far of this JVM's own threads (GC, JIT compilers, VM thread), by /proc/self/task/N/comm with digits as #. */
    private static Map<String, Long> jvmInternalCpu() {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (!comm.matches("(GC Thread|G1 |C1 Compiler|C2 Compiler|VM Thread|VM Periodic|Sweeper).*")) {
                        continue;
                    }
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    m.merge(comm.replaceAll("\\d+", "#").replaceAll("CompilerThre.*", "Compiler"),
                            (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended
                }
            }
        } catch (IOException | RuntimeException e) {
            return m;
        }
        return m;
    }

    private static String diff(Map<String, Long> before, Map<String, Long> after) {
        return String.join(", ", after.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue())).toList());
    }

}
