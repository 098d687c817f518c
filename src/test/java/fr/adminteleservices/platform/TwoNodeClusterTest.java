package fr.adminteleservices.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.adminteleservices.support.NodeReadiness;
import fr.adminteleservices.support.SlowSmtpServer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two application nodes as separate JVMs on one MariaDB database (issue 18, section 2), each with its job executor
 * on, started the way production starts them (profile {@code mariadb}, no demo data): the académie, the collège
 * 0990001N and its head are created through the API, and the demo's SIECLE exports imported. An SMTP server of the
 * test takes the e-mails slowly and records who sent each one (EHLO name = node id).
 *
 * <p>Short locks for the test: Camunda's job lock 20 s (mail slices 8 s, claims 5 s), so that node B takes over
 * the jobs of a killed node within the class's time. The nodes' logs: {@code target/cluster-node-a.log}, …-b.log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterTest {

    private static final String UAI = "0990001N";
    private static final String ADMIN = "academie";
    private static final String ADMIN_PASSWORD = "cluster-admin-" + random(8);
    private static final String HEAD = "chef." + UAI;
    private static final String HEAD_PASSWORD = "cluster-head-" + random(8);
    private static final String THIRD_YEAR = "10310019110";
    private static final String SERVER = System.getProperty("test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/");
    private static final String DB_USER = System.getProperty("test.mariadb.user", "root");
    private static final String DB_PASSWORD = System.getProperty("test.mariadb.password", "");
    private static final String DATABASE = System.getProperty("test.mariadb.database", "teleservices_test") + "_cluster";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static SlowSmtpServer smtp;
    private static Node a;
    private static Node b;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        sql("drop database if exists " + DATABASE, true);
        sql("create database " + DATABASE + " character set utf8mb4 collate utf8mb4_unicode_ci", true);
        // 60 ms a message: a slice of 10 takes more than half a second, so a kill lands inside one
        smtp = new SlowSmtpServer(Duration.ofMillis(60));
        String codesKey = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        a = new Node("a", codesKey);
        a.awaitReady();
        // the second node starts on the schema the first one created (Flyway and Camunda's schema are created once)
        b = new Node("b", codesKey);
        setUpEstablishment();
        b.awaitReady();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (Node n : new Node[] {a, b}) {
            if (n != null) {
                n.kill();
            }
        }
        if (smtp != null) {
            smtp.close();
        }
        sql("drop database if exists " + DATABASE, true);
    }

    /** Through node A's API, as production starts: the académie's services, the collège, its head, its SIECLE exports. */
    private static void setUpEstablishment() throws Exception {
        for (JsonNode service : a.json(a.get("/api/academy/catalogue", ADMIN, ADMIN_PASSWORD), 200).get("services")) {
            a.json(a.send("PUT", "/api/academy/services/" + service.get("code").asText(), ADMIN, ADMIN_PASSWORD,
                    "{\"open\":true,\"mandatory\":false}"), 200);
        }
        a.json(a.send("POST", "/api/establishments", ADMIN, ADMIN_PASSWORD, """
                {"uai":"%s","name":"Collège Jean Moulin","kind":"COLLEGE","postalCode":"99100","city":"Villedémo",
                 "headName":"Mme Hélène Lefèvre","emails":["ce.0990001n@example.fr"],
                 "siecleModules":["BASE_ELEVES","NOTES","ABSENCES","LPC","INSCRIPTION"]}""".formatted(UAI)), 201);
        a.json(a.send("POST", "/api/establishments/" + UAI + "/heads", ADMIN, ADMIN_PASSWORD, """
                {"username":"%s","password":"%s","firstName":"Hélène","lastName":"Lefèvre"}""".formatted(HEAD, HEAD_PASSWORD)), 201);
        a.json(a.importSiecle(), 200);
        a.json(a.send("POST", "/api/establishments/" + UAI + "/services/declaration", HEAD, HEAD_PASSWORD, ""), 200);
        a.json(a.send("PUT", "/api/establishments/" + UAI + "/services/NOTES", HEAD, HEAD_PASSWORD, "{\"open\":true}"), 200);
    }

    /**
     * An administrator's session opened on A serves on B (read, then a form with A's CSRF token), and B's log-out ends
     * it on A, though A served it from its own copy (SessionCopies): within A's next read of the feed of changes.
     */
    @Test
    @Order(1)
    void aSessionOpenedOnOneNodeWorksOnTheOther() throws Exception {
        String page = "/etablissements/" + UAI + "/ouverture";
        assertThat(b.page(page, null).statusCode()).as("without a session").isEqualTo(302);

        String session = a.logIn(HEAD, HEAD_PASSWORD);
        assertThat(session).as("the session and its revision").contains("SESSION=").contains("SESSION_REV=");
        HttpResponse<String> onB = b.page(page, session);
        assertThat(onB.statusCode()).as("A's session on B").isEqualTo(200);
        assertThat(onB.body()).contains("Collège Jean Moulin");
        for (int i = 0; i < 3; i++) {
            assertThat(a.page(page, session).statusCode()).as("on A again, then from A's copy").isEqualTo(200);
        }

        // the CSRF token is kept in the session: the one B shows works on B's log-out, which ends the session for A too
        HttpResponse<String> logout = b.form("/logout", session, Map.of("_csrf", csrf(onB.body())));
        long loggedOut = System.nanoTime();
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location").orElse("")).contains("/login");
        // the cookies as they were before the log-out (a copy of them kept elsewhere): refused on A within 250 ms
        // (teleservices.sessions.changes-polled-every) and a margin for a loaded machine
        while (a.page(page, session).statusCode() != 302) {
            assertThat(Duration.ofNanos(System.nanoTime() - loggedOut)).as("logged out on B, so on A").isLessThan(Duration.ofSeconds(2));
            Thread.sleep(20);
        }
    }

    /** Both nodes ask for a replication at the same moment: one run (the other 409) or two equal runs; ts_* complete. */
    @Test
    @Order(2)
    void replicationsAskedOnBothNodesAtOnce() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (Node n : List.of(a, b)) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    return n.send("POST", "/api/replication/runs", ADMIN, ADMIN_PASSWORD, "");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        go.countDown();
        List<JsonNode> runs = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> r = answer.get();
            assertThat(r.statusCode()).as(r.body()).isIn(200, 409);
            if (r.statusCode() == 200) {
                runs.add(JSON.readTree(r.body()));
            } else {
                assertThat(r.body()).contains("Une réplication est en cours");
            }
        }
        assertThat(runs).as("at least one run").isNotEmpty();
        System.out.printf("Cluster test: %d replication run(s) for 2 requests at once%n", runs.size());
        JsonNode run = runs.get(0);
        for (JsonNode other : runs) {
            for (String count : List.of("establishments", "students", "guardians", "links", "codes")) {
                assertThat(other.get(count).asInt()).as(count + " of both runs").isEqualTo(run.get(count).asInt());
            }
        }
        assertThat(run.get("establishments").asInt()).isEqualTo(1);
        assertThat(run.get("students").asInt()).isEqualTo(count("select count(*) from student where uai = '" + UAI + "' and left_on is null"));
        assertThat(count("select count(*) from ts_student")).isEqualTo(run.get("students").asInt());
        assertThat(count("select count(*) from ts_guardian")).isEqualTo(run.get("guardians").asInt());
        assertThat(count("select count(*) from ts_guardian_link")).isEqualTo(run.get("links").asInt());
        assertThat(count("select count(*) from ts_student_code")).isEqualTo(run.get("codes").asInt());
        assertThat(count("select count(*) from replication_run where finished_at is null")).as("no run left unfinished").isZero();
        // no deadlock, and the refused one is an answer, not an error in the log
        assertThat(a.logErrors() + b.logErrors()).as("errors in the nodes' logs").isEmpty();
    }

    /**
     * The one-year timers of the CAEs of division 6A made due at once: both job executors see them, each fires once —
     * each CAE invalidated once and replaced by exactly one new CAE with exactly one lifecycle.
     */
    @Test
    @Order(3)
    void aDueTimerFiresOnce() throws Exception {
        String students = "select id from student where uai = '" + UAI + "' and division_code = '6A' and left_on is null";
        int n = count("select count(*) from (" + students + ") s");
        assertThat(n).isGreaterThan(20);
        String caes = "select id from student_code where student_id in (" + students + ") and valid_student_id is not null";
        await(Duration.ofSeconds(60), "the 6A CAEs' lifecycles wait for their timer",
                () -> count("select count(*) from ACT_RU_JOB j join ACT_RU_EXECUTION e on e.ID_ = j.PROCESS_INSTANCE_ID_ "
                        + "where j.TYPE_ = 'timer' and e.BUSINESS_KEY_ in (select concat('CAE-', id) from (" + caes + ") c)") == n);
        List<Long> expiring = longs(caes);
        String keys = expiring.stream().map(id -> "'CAE-" + id + "'").collect(Collectors.joining(","));
        int moved = update("update ACT_RU_JOB j join ACT_RU_EXECUTION e on e.ID_ = j.PROCESS_INSTANCE_ID_ "
                + "set j.DUEDATE_ = '2000-01-01 00:00:00' where j.TYPE_ = 'timer' and e.BUSINESS_KEY_ in (" + keys + ")");
        assertThat(moved).isEqualTo(n);

        await(Duration.ofSeconds(60), "every moved timer fired",
                () -> count("select count(*) from ACT_HI_PROCINST where BUSINESS_KEY_ in (" + keys + ") and END_TIME_ is not null") == n);
        assertThat(count("select count(*) from ACT_HI_ACTINST i join ACT_HI_PROCINST p on p.ID_ = i.PROC_INST_ID_ "
                + "where p.BUSINESS_KEY_ in (" + keys + ") and i.ACT_ID_ = 'InvaliderCodeExpire'")).as("expiry tasks run").isEqualTo(n);
        assertThat(count("select count(*) from ACT_HI_JOB_LOG l join ACT_HI_PROCINST p on p.ID_ = l.PROCESS_INSTANCE_ID_ "
                + "where p.BUSINESS_KEY_ in (" + keys + ") and l.JOB_DEF_TYPE_ = 'timer-intermediate-transition' and l.JOB_STATE_ = 2"))
                .as("successful timer executions").isEqualTo(n);
        assertThat(count("select count(*) from student_code where id in (" + join(expiring) + ") and invalidated_at is not null"))
                .isEqualTo(n);
        assertThat(count("select count(*) from student_code where student_id in (" + students + ")")).as("one replacement each")
                .isEqualTo(2 * n);
        assertThat(count("select count(*) from student_code where student_id in (" + students + ") and valid_student_id is not null"))
                .isEqualTo(n);
        await(Duration.ofSeconds(30), "each replacement has one lifecycle", () -> count("select count(*) from student_code c "
                + "join ACT_HI_PROCINST p on p.BUSINESS_KEY_ = concat('CAE-', c.id) where c.student_id in (" + students + ") "
                + "and c.valid_student_id is not null") == n);
    }

    /**
     * A mass generation and a mass e-mail + paper notification asked on A; the node sending the e-mails (A, unless
     * B took the job) is killed in the middle of a slice; the other one takes its job up once its heartbeat is silent
     * (issue 17.2), not after Camunda's 5-minute lock: one
     * e-mail per couple (by Message-ID), at most one valid code per couple, one lifecycle per code, the complete PDF
     * downloaded from the survivor.
     */
    @Test
    @Order(4)
    void nodeKilledDuringAMassNotificationLeavesTheWorkToTheOther() throws Exception {
        JsonNode generation = a.json(a.send("POST", "/api/establishments/" + UAI + "/guardian-codes/generation", HEAD, HEAD_PASSWORD,
                "{\"all\":true,\"mef\":\"" + THIRD_YEAR + "\"}"), 200);
        String generationId = generation.get("generationId").asText();
        int created = generation.get("created").asInt();
        assertThat(created).isGreaterThan(100);
        String jobId = a.json(a.send("POST", "/api/establishments/" + UAI + "/guardian-notifications", HEAD, HEAD_PASSWORD,
                "{\"confirmed\":true,\"channels\":[\"EMAIL\",\"PAPER\"],\"onlyNotNotified\":true,\"mef\":\"" + THIRD_YEAR + "\"}"), 202)
                .get("jobId").asText();

        // The node sending the e-mails is killed at its second message, while that message is with the SMTP server and
        // before the server's 250: its slice's job stays locked, the message stays claimed and unrecorded. A started the
        // work and usually keeps it (a node runs at once the jobs its own transactions create), but B's job executor may
        // have taken a step: then B is the one killed and A finishes.
        CompletableFuture<Node> killing = new CompletableFuture<>();
        int[] lockedJobs = new int[1];
        smtp.onAccepted(accepted -> {
            String sender = smtp.deliveries().get(accepted - 1).client();
            Node node = a.id.equals(sender) ? a : b;
            if (!killing.isDone() && sentBy(node) == 2) {
                try {
                    lockedJobs[0] = count("select count(*) from ACT_RU_JOB j join ACT_RU_EXECUTION e on e.ID_ = j.PROCESS_INSTANCE_ID_ "
                            + "where e.BUSINESS_KEY_ = '" + jobId + "' and j.LOCK_EXP_TIME_ is not null");
                    node.kill();
                    killing.complete(node);
                } catch (Exception e) {
                    killing.completeExceptionally(e);
                }
            }
        });
        Node killed = killing.get(120, TimeUnit.SECONDS);
        Node survivor = killed == a ? b : a;
        int sentByKilled = sentBy(killed);
        assertThat(lockedJobs[0]).as("the killed node held the slice's job").isEqualTo(1);

        await(Duration.ofSeconds(90), "the other node finishes the notification, well before the 5-minute job lock", () -> survivor.json(
                survivor.get("/api/notification-jobs/" + jobId, HEAD, HEAD_PASSWORD), 200).get("state").asText().equals("DONE"));
        JsonNode job = survivor.json(survivor.get("/api/notification-jobs/" + jobId, HEAD, HEAD_PASSWORD), 200);
        List<SlowSmtpServer.Delivery> deliveries = smtp.deliveries();
        int emailed = job.get("emailed").asInt();
        int printed = job.get("printed").asInt();
        assertThat(emailed + printed + job.get("skipped").size()).isEqualTo(job.get("total").asInt());
        assertThat(emailed + printed).isEqualTo(created);
        assertThat(emailed).as("killed at the start of the e-mails, most of them left to the survivor").isGreaterThan(sentByKilled + 50);
        assertThat(printed).isPositive();
        assertThat(sentBy(survivor)).as("the survivor sent the rest").isPositive();

        // e-mails: one Message-ID per couple; the one in flight at the kill was sent again by the survivor, with its Message-ID
        Map<String, List<String>> recipientsById = new HashMap<>();
        deliveries.forEach(d -> recipientsById.putIfAbsent(d.messageId(), d.recipients()));
        assertThat(recipientsById).as("distinct Message-IDs").hasSize(emailed);
        assertThat(deliveries).as("messages accepted: the one in flight at the kill twice").hasSize(emailed + 1);
        String inFlight = deliveries.stream().filter(d -> killed.id.equals(d.client())).reduce((first, last) -> last).orElseThrow()
                .messageId();
        assertThat(deliveries.stream().filter(d -> d.messageId().equals(inFlight)).map(SlowSmtpServer.Delivery::client))
                .containsExactly(killed.id, survivor.id);
        Map<String, Long> messagesByRecipient = recipientsById.values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(r -> r, Collectors.counting()));
        assertThat(messagesByRecipient).isEqualTo(rows("select recipient, count(*) from mail_outbox where batch_id = '" + jobId
                + "' and state = 'SENT' group by recipient"));
        assertThat(count("select count(*) from code_notification where job_id = '" + jobId + "'")).isEqualTo(created);
        assertThat(count("select count(distinct code_id) from code_notification where job_id = '" + jobId + "'")).isEqualTo(created);

        // codes: at most one valid per couple (the database's unique key), one lifecycle each, started once
        assertThat(count("select count(*) from (select link_id from guardian_code where valid_link_id is not null "
                + "group by link_id having count(*) > 1) twice")).isZero();
        await(Duration.ofSeconds(60), "the generation's lifecycles are started",
                () -> count("select count(*) from code_generation where id = '" + generationId + "' and lifecycles_done_at is not null") == 1);
        assertThat(count("select count(*) from guardian_code g join ACT_HI_PROCINST p on p.BUSINESS_KEY_ = concat('CAR-', g.id) "
                + "and p.PROC_DEF_KEY_ = 'car-lifecycle' where g.generation_id = '" + generationId + "'")).isEqualTo(created);
        assertThat(count("select count(distinct p.BUSINESS_KEY_) from guardian_code g join ACT_HI_PROCINST p "
                + "on p.BUSINESS_KEY_ = concat('CAR-', g.id) where g.generation_id = '" + generationId + "'")).isEqualTo(created);

        // the PDF, from the survivor: every letter in it
        HttpResponse<byte[]> pdf = HTTP.send(survivor.request("/api/notification-jobs/" + jobId + "/pdf", HEAD, HEAD_PASSWORD).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(document.getNumberOfPages()).as("pages = letters").isEqualTo(printed);
        }
        System.out.printf("Cluster test: %d codes, %d e-mails (%d by %s before it was killed, %d deliveries in all), %d letters%n",
                created, emailed, sentByKilled, killed.id, deliveries.size(), printed);
    }

    private static int sentBy(Node node) {
        return (int) smtp.deliveries().stream().filter(d -> node.id.equals(d.client())).count();
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            m = Pattern.compile("value=\"([^\"]+)\"\\s+name=\"_csrf\"").matcher(html);
            assertThat(m.find()).as("a CSRF token in the page").isTrue();
        }
        return m.group(1);
    }

    private static void await(Duration timeout, String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out (" + timeout.toSeconds() + " s): " + what);
            }
            Thread.sleep(250);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String join(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    // ---- SQL on the nodes' database

    private static Connection connect(boolean server) throws SQLException {
        return DriverManager.getConnection(SERVER + (server ? "" : DATABASE), DB_USER, DB_PASSWORD);
    }

    private static void sql(String statement, boolean server) throws SQLException {
        try (Connection c = connect(server); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static int update(String statement) throws SQLException {
        try (Connection c = connect(false); Statement s = c.createStatement()) {
            return s.executeUpdate(statement);
        }
    }

    private static int count(String query) {
        try (Connection c = connect(false); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    private static List<Long> longs(String query) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Connection c = connect(false); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        }
        return values;
    }

    private static Map<String, Long> rows(String query) throws SQLException {
        Map<String, Long> values = new HashMap<>();
        try (Connection c = connect(false); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        }
        return values;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** One application node: a JVM on the test's class path (without the test classes), its log in target/. */
    private static final class Node {

        private final String id;
        private final int port;
        private final Process process;
        private final Path log;

        Node(String name, String codesKey) throws IOException {
            this.id = "node-" + name;
            this.port = freePort();
            this.log = Path.of("target", "cluster-node-" + name + ".log");
            String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(entry -> !entry.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
                    "-cp", classPath, "fr.adminteleservices.Application",
                    "--server.port=" + port,
                    "--spring.profiles.active=mariadb",
                    "--spring.datasource.url=" + SERVER + DATABASE + "?transactionIsolation=READ-COMMITTED&nullDatabaseMeansCurrent=true",
                    "--spring.datasource.username=" + DB_USER,
                    "--spring.datasource.password=" + DB_PASSWORD,
                    "--teleservices.codes.key=" + codesKey,
                    "--teleservices.admin.password=" + ADMIN_PASSWORD,
                    "--teleservices.cluster.node-id=" + id,
                    "--teleservices.cluster.heartbeat-every=PT1S",
                    "--spring.mail.host=127.0.0.1",
                    "--spring.mail.port=" + smtp.port(),
                    // the EHLO name tells the test's SMTP server which node sent a message
                    "--spring.mail.properties.mail.smtp.localhost=" + id,
                    "--camunda.bpm.job-execution.enabled=true",
                    // Camunda's own 5-minute job lock: a survivor that finishes well before it took the dead node's
                    // job through DeadNodeJobs (a node unseen for 4 s is dead)
                    "--camunda.bpm.job-execution.lock-time-in-millis=300000",
                    "--teleservices.cluster.dead-after=PT4S",
                    "--camunda.bpm.job-execution.wait-time-in-millis=500",
                    "--camunda.bpm.job-execution.max-wait=2000",
                    "--teleservices.mail.slice-size=10",
                    "--teleservices.mail.slice-time=PT8S",
                    "--teleservices.mail.claim-time=PT5S"));
            Files.createDirectories(log.getParent());
            this.process = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            // never left running, even when the test's JVM is stopped
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        }

        void awaitReady() throws Exception {
            NodeReadiness.await(id, process, uri("/"), log, Duration.ofSeconds(240));
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        String logErrors() throws IOException {
            return Files.readAllLines(log).stream().filter(l -> l.contains(" ERROR ")).collect(Collectors.joining("\n"));
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        HttpRequest.Builder request(String path, String user, String password) {
            HttpRequest.Builder r = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
            if (user != null) {
                r.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            return r;
        }

        HttpResponse<String> get(String path, String user, String password) {
            try {
                return HTTP.send(request(path, user, password).GET().build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("GET " + path + " on " + id, e);
            }
        }

        HttpResponse<String> send(String method, String path, String user, String password, String json)
                throws IOException, InterruptedException {
            return HTTP.send(request(path, user, password).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        }

        JsonNode json(HttpResponse<String> response, int status) {
            assertThat(response.statusCode()).as(id + " " + response.request().method() + " " + response.uri().getPath()
                    + ": " + response.body()).isEqualTo(status);
            try {
                return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The demo collège's four SIECLE exports, as the head's screen posts them. */
        HttpResponse<String> importSiecle() throws IOException, InterruptedException {
            String boundary = "cluster" + random(12);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (String file : List.of("ElevesSansAdresses.xml", "ResponsablesAvecAdresses.xml", "Structures.xml", "Nomenclature.xml")) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + file
                        + "\"\r\nContent-Type: application/xml\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.write(Files.readAllBytes(Path.of("src/main/resources/demo/siecle", UAI, file)));
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return HTTP.send(request("/api/establishments/" + UAI + "/siecle-imports", HEAD, HEAD_PASSWORD)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Logs in through the log-in form; returns the SESSION cookie of the authenticated session. */
        String logIn(String user, String password) throws IOException, InterruptedException {
            HttpResponse<String> form = page("/login", null);
            assertThat(form.statusCode()).isEqualTo(200);
            HttpResponse<String> done = form("/login", session(form, null), Map.of("username", user, "password", password,
                    "_csrf", csrf(form.body())));
            assertThat(done.statusCode()).isEqualTo(302);
            assertThat(done.headers().firstValue("Location").orElse("")).doesNotContain("error");
            return session(done, null);
        }

        /** {@code session}: the cookies of the session (« SESSION=…; SESSION_REV=… »), null for none. */
        HttpResponse<String> page(String path, String session) throws IOException, InterruptedException {
            HttpRequest.Builder r = request(path, null, null).GET();
            if (session != null) {
                r.header("Cookie", session);
            }
            return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> form(String path, String session, Map<String, String> fields) throws IOException, InterruptedException {
            String body = fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpRequest.Builder r = request(path, null, null).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (session != null) {
                r.header("Cookie", session);
            }
            return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** {@code current}'s cookies (« name=value; … ») with those the response sets or clears, null if none is left. */
        private static String session(HttpResponse<?> response, String current) {
            Map<String, String> jar = new LinkedHashMap<>();
            for (String pair : current == null ? new String[0] : current.split("; ")) {
                jar.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (value.isEmpty() || set.contains("Max-Age=0")) {
                    jar.remove(name);
                } else {
                    jar.put(name, value);
                }
            }
            return jar.isEmpty() ? null : jar.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; "));
        }
    }
}
