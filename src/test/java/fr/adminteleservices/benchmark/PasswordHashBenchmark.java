package fr.adminteleservices.benchmark;

import static fr.adminteleservices.benchmark.Machine.loadAverage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What one portal log-in costs in CPU for each password hash that meets OWASP's Password Storage Cheat Sheet
 * minimums (issue 18.4): bcrypt at cost 10 (today's) and above, and Argon2id at each of OWASP's five equivalent
 * settings (memory m in MiB, iterations t, parallelism 1), as Spring Security computes them (Argon2 in pure Java,
 * BouncyCastle). For each: the CPU milliseconds of one check on one thread (the thread's CPU time: what a core
 * pays, little changed by a busy machine) and its wall time, the JVM's CPU per check (with the garbage collector's work on
 * Argon2's memory), the checks per second of one core (from the JVM's CPU), and the checks per second with as many threads as cores (wall). A check of a log-in is what is measured
 * ({@code matches}), after a warm-up.
 *
 * <p>Run it alone: {@code mvn -B -Pbenchmark -DskipTests -DskipFrontend=true test-compile exec:exec@password-hash-benchmark}.
 */
public final class PasswordHashBenchmark {

    private static final String PASSWORD = "cheval agrafe batterie correcte";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private record Candidate(String name, PasswordEncoder encoder) {
    }

    public static void main(String[] args) throws Exception {
        int checks = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int cores = Runtime.getRuntime().availableProcessors();
        List<Candidate> candidates = List.of(
                new Candidate("bcrypt cost 10 (in use)", new BCryptPasswordEncoder(10)),
                new Candidate("bcrypt cost 11", new BCryptPasswordEncoder(11)),
                new Candidate("bcrypt cost 12", new BCryptPasswordEncoder(12)),
                argon2(47, 1), argon2(19, 2), argon2(12, 3), argon2(9, 4), argon2(7, 5));
        System.out.printf(Locale.ROOT, "Password hash benchmark: %d checks each, %d cores, Java %s, load average at start %s%n%n",
                checks, cores, System.getProperty("java.version"), loadAverage());
        System.out.println("hash                                    CPU ms  JVM CPU ms  wall ms  checks/s/core   checks/s (" + cores + " threads, wall)");
        for (Candidate c : candidates) {
            String hash = c.encoder().encode(PASSWORD);
            for (int i = 0; i < Math.max(10, checks / 2); i++) {
                check(c.encoder(), hash); // warm-up: the JIT
            }
            long t0 = System.nanoTime();
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long process0 = PROCESS.getProcessCpuTime();
            for (int i = 0; i < checks; i++) {
                check(c.encoder(), hash);
            }
            // the whole JVM's CPU: with the garbage collector's work on Argon2's memory blocks
            double processMs = (PROCESS.getProcessCpuTime() - process0) / 1e6 / checks;
            // CPU time of this thread: what a log-in costs a core, whatever else the machine runs
            double cpuMs = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e6 / checks;
            double wallMs = (System.nanoTime() - t0) / 1e6 / checks;
            double parallel = parallel(c.encoder(), hash, checks, cores);
            System.out.printf(Locale.ROOT, "%-38s %9.1f %9.1f %9.1f   %13.1f   %14.1f%n", c.name(), cpuMs, processMs, wallMs,
                    1000 / processMs, parallel);
        }
        System.out.printf(Locale.ROOT, "%nLoad average at end %s%n", loadAverage());
    }

    /** OWASP: m MiB of memory, t iterations, parallelism 1; salt 16 bytes, hash 32 (Spring's defaults). */
    private static Candidate argon2(int mebibytes, int iterations) {
        return new Candidate("Argon2id m=" + mebibytes + " MiB, t=" + iterations + ", p=1",
                new Argon2PasswordEncoder(16, 32, 1, mebibytes * 1024, iterations));
    }

    private static void check(PasswordEncoder encoder, String hash) {
        if (!encoder.matches(PASSWORD, hash)) {
            throw new IllegalStateException("The password does not match its own hash");
        }
    }

    /** Checks per second with {@code threads} threads checking at once. */
    private static double parallel(PasswordEncoder encoder, String hash, int checks, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < checks; i++) {
                done.add(pool.submit(() -> check(encoder, hash)));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return checks / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdown();
        }
    }
}
