package fr.adminteleservices.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.adminteleservices.support.NodeReadiness;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One application node for the benchmarks that drive the application as production runs it: its own JVM (profile
 * {@code mariadb}, no demo data, job executor on), as {@code TwoNodeClusterTest} starts its nodes, spoken to over
 * HTTP as the académie administrator. Its output goes to {@code <dir>/<id>.log} and its GC log (heap before and after
 * each collection) to {@code <dir>/<id>-gc.log}: what the benchmark reads back per step.
 */
final class NodeProcess {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** "… 180M->45M(512M) …" in a unified GC log line: heap used before and after a collection. */
    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\)");

    final String id;
    final Path log;
    final Path gcLog;
    private final int port;
    private final Process process;
    private final String user;
    private final String password;

    /**
     * @param properties Spring properties (without "--") added after the node's own: the database, SMTP server, keys
     */
    NodeProcess(String name, Path dir, String heap, String user, String password, Map<String, String> properties)
            throws IOException {
        this.id = "node-" + name;
        this.port = freePort();
        this.user = user;
        this.password = password;
        Files.createDirectories(dir);
        this.log = dir.resolve(id + ".log");
        this.gcLog = dir.resolve(id + "-gc.log");
        Files.deleteIfExists(gcLog);
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Xlog:gc:file=" + gcLog.toAbsolutePath() + ":uptime", "-Dfile.encoding=UTF-8",
                // as docker-compose.yml runs the nodes: FOP's soft references to the pages written cleared at each collection
                "-XX:SoftRefLRUPolicyMSPerMB=0"));
        // more options of the nodes' JVMs (a JFR recording, another GC): BENCHMARK_NODE_JVM_OPTIONS, {id} for the node's id
        String more = System.getenv("BENCHMARK_NODE_JVM_OPTIONS");
        if (more != null && !more.isBlank()) {
            for (String option : more.trim().split("\\s+")) {
                command.add(option.replace("{id}", id));
            }
        }
        command.addAll(List.of(
                "-cp", classPath, "fr.adminteleservices.Application",
                "--server.port=" + port,
                "--spring.profiles.active=mariadb",
                "--teleservices.demo.enabled=false",
                "--teleservices.cluster.node-id=" + id,
                // Camunda writes it in ACT_HI_JOB_LOG.HOSTNAME_ and ACT_RU_METER_LOG.REPORTER_: which node ran what
                "--camunda.bpm.generic-properties.properties.hostname=" + id,
                "--camunda.bpm.job-execution.enabled=true",
                // the EHLO name tells the SMTP server which node sent a message
                "--spring.mail.properties.mail.smtp.localhost=" + id));
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // never left running, even when the benchmark is stopped
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    }

    long pid() {
        return process.pid();
    }

    void awaitReady() throws Exception {
        NodeReadiness.await(id, process, uri("/"), log, Duration.ofSeconds(300));
    }

    /** SIGTERM, as a service manager stops it: Spring closes the engine, which writes its last metrics. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpRequest.Builder request(String path, String[] login) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(30)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((login[0] + ":" + login[1]).getBytes(StandardCharsets.UTF_8)));
    }

    /** As the académie administrator: see {@link #send(String[], String, String, String, int...)}. */
    JsonNode send(String method, String path, String json, int... expected) throws IOException, InterruptedException {
        return send(new String[] {user, password}, method, path, json, expected);
    }

    /**
     * The JSON answer of a request with a JSON body (null: none), as that user and password; fails on any other status
     * than {@code expected}. Each establishment's work goes as its head: the log-in throttle's bucket of one user is a
     * row locked by each of its requests, so one user's concurrent requests queue on it.
     */
    JsonNode send(String[] login, String method, String path, String json, int... expected) throws IOException, InterruptedException {
        HttpRequest.Builder r = request(path, login).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return answer(exchange(r.build()), expected);
    }

    /** An establishment's SIECLE export files, posted as the head's import screen posts them. */
    JsonNode importSiecle(String[] login, String uai, Path dir) throws IOException, InterruptedException {
        String boundary = "peak" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + file.getFileName()
                        + "\"\r\nContent-Type: application/xml\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.write(Files.readAllBytes(file));
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return answer(exchange(request("/api/establishments/" + uai + "/siecle-imports", login)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build()), 200);
    }

    /** Requests answered 500 and sent again, all nodes: see {@link #exchange}. */
    static final java.util.concurrent.atomic.AtomicLong RETRIED = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Sends again, twice at most, a request answered 500: under load the log-in throttle's bucket (a row of the database,
     * read through the application's connection pool) can exceed its 10 s timeout before the request is even
     * authenticated, as a user would press again. The count is printed with each step.
     */
    private static HttpResponse<String> exchange(HttpRequest request) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 500 || attempt == 3) {
                return response;
            }
            RETRIED.incrementAndGet();
            Thread.sleep(5_000);
        }
    }

    private JsonNode answer(HttpResponse<String> response, int... expected) throws IOException {
        if (Arrays.stream(expected).noneMatch(s -> s == response.statusCode())) {
            throw new IllegalStateException(id + " " + response.request().method() + " " + response.uri().getPath() + ": "
                    + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    // ------------------------------------------------------------------------------------------------ logs

    /** Where the node's log and GC log end now: a step reads what was written after. */
    long[] marks() {
        return new long[] {log.toFile().length(), gcLog.toFile().length()};
    }

    /** Lines of the node's log written since the mark that contain {@code text}. */
    long logLinesSince(long[] mark, String text) throws IOException {
        long[] count = {0};
        forEachLineSince(log, mark[0], line -> {
            if (line.contains(text)) {
                count[0]++;
            }
        });
        return count[0];
    }

    /** The largest heap used before and after a collection since the mark (MB; -1 when no collection ran). */
    long[] heapSince(long[] mark) throws IOException {
        long[] heap = {-1, -1};
        forEachLineSince(gcLog, mark[1], line -> {
            Matcher m = GC_HEAP.matcher(line);
            if (m.find()) {
                heap[0] = Math.max(heap[0], mb(m.group(1), m.group(2)));
                heap[1] = Math.max(heap[1], mb(m.group(3), m.group(4)));
            }
        });
        return heap;
    }

    private static long mb(String value, String unit) {
        long v = Long.parseLong(value);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }

    /** Each line written since the offset, read as a stream: a node's log can reach hundreds of MB in one step. */
    private static void forEachLineSince(Path file, long offset, Consumer<String> action) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (InputStream in = Files.newInputStream(file);
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            in.skipNBytes(Math.min(offset, Files.size(file)));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                action.accept(line);
            }
        }
    }
}
