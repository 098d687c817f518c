package fr.adminteleservices.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits for an application node started as its own JVM (the cluster test, the national-peak benchmark) to answer
 * {@code /actuator/health/readiness} with 200, as a load balancer would; fails at once if the process stops.
 */
public final class NodeReadiness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private NodeReadiness() {
    }

    /** {@code base}: the node's address ({@code http://127.0.0.1:port}); {@code log}: where its output goes, named in the failure. */
    public static void await(String id, Process process, URI base, Path log, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        URI readiness = base.resolve("/actuator/health/readiness");
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(id + " stopped at start-up (exit " + process.exitValue() + "): see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(id + " not ready after " + within.toSeconds() + " s: see " + log.toAbsolutePath());
            }
            Thread.sleep(500);
        }
    }
}
