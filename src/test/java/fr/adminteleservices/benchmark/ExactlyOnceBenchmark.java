package fr.adminteleservices.benchmark;

import static fr.adminteleservices.benchmark.Machine.freshDatabase;
import static fr.adminteleservices.benchmark.Machine.loadAverage;
import static fr.adminteleservices.benchmark.Machine.startApplication;

import fr.adminteleservices.notification.Channel;
import fr.adminteleservices.notification.JobView;
import fr.adminteleservices.notification.NotificationJobs;
import fr.adminteleservices.notification.Notifications;
import fr.adminteleservices.support.SlowSmtpServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 17: an e-mail notification of 2,000 guardians (MariaDB, job executor on, default lock and slices) to a relay
 * that takes 2 messages per second (a {@link SlowSmtpServer} in this JVM), with a "kill" in the middle: once half the
 * messages are in, the mail job that runs is executed a second time beside the first, as when its lock ran out or
 * another node took it. Prints the messages the relay received and their distinct Message-IDs (before the fix: 1,134
 * e-mails became 1,468 messages at 2.6 messages/s).
 *
 * <p>Alone: {@code mvn -B -Pbenchmark -DskipTests -DskipFrontend=true test-compile exec:exec@exactly-once-benchmark}.
 * Arguments: {@code --couples N} (2,000), {@code --students S} (1,250), {@code --rate R} (messages per second, 2).
 */
public final class ExactlyOnceBenchmark {

    public static void main(String[] args) throws Exception {
        int couples = 2_000;
        int students = 1_250;
        double rate = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--couples" -> couples = Integer.parseInt(args[++i]);
                case "--students" -> students = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument: " + args[i] + " (--couples N --students S --rate R)");
            }
        }
        String url = freshDatabase("teleservices_once_bench");
        NotificationBenchmark.url = url;
        boolean ok;
        try (SlowSmtpServer relay = new SlowSmtpServer(Duration.ofMillis(Math.round(1000 / rate)))) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("teleservices.mail.embedded", "false");
            properties.put("spring.mail.host", "127.0.0.1");
            properties.put("spring.mail.port", Integer.toString(relay.port()));
            ConfigurableApplicationContext app = startApplication(url, true, properties);
            try {
                NotificationBenchmark.setUp(app, students, couples);
                int before = relay.messageIds().size();
                Notifications notifications = app.getBean(Notifications.class);
                ManagementService management = app.getBean(ManagementService.class);
                long start = System.nanoTime();
                String jobId = notifications.notifyGuardians(NotificationBenchmark.UAI, Set.of(Channel.EMAIL), false, null, null, "bench");
                while (relay.messageIds().size() - before < couples / 2) {
                    Thread.sleep(100);
                }
                String instance = app.getBean(org.camunda.bpm.engine.RuntimeService.class).createProcessInstanceQuery()
                        .processInstanceBusinessKey(jobId).singleResult().getId();
                Job mailer;
                while ((mailer = management.createJobQuery().processInstanceId(instance).activityId("EnvoyerCourriels").singleResult()) == null) {
                    Thread.sleep(20); // between two slices
                }
                String mailerId = mailer.getId();
                AtomicReference<String> second = new AtomicReference<>("completed the job");
                Thread beside = new Thread(() -> {
                    try {
                        management.executeJob(mailerId);
                    } catch (RuntimeException e) {
                        second.set("failed at the end: " + e.getClass().getSimpleName());
                    }
                });
                beside.start();
                System.out.printf(Locale.ROOT, "%nKill in the middle: after %,d messages, job %s executed a second time beside the "
                        + "running one%n", relay.messageIds().size() - before, mailerId);
                JobView job;
                do {
                    Thread.sleep(200);
                    job = app.getBean(NotificationJobs.class).job(jobId);
                } while ("RUNNING".equals(job.state()) && System.nanoTime() - start < Duration.ofMinutes(60).toNanos());
                beside.join();
                long ms = (System.nanoTime() - start) / 1_000_000;
                List<String> ids = relay.messageIds().subList(before, relay.messageIds().size());
                int distinct = new HashSet<>(ids).size();
                ok = "DONE".equals(job.state()) && ids.size() == couples && distinct == couples && job.emailed() == couples;
                System.out.printf(Locale.ROOT, "%nExactly once, %,d guardians, relay at %.1f messages/s, lock %s, slice %s:%n"
                                + "  job %s in %,d s: %,d e-mailed; relay received %,d messages, %,d distinct Message-IDs "
                                + "(%,d duplicates); the second execution %s; load average %s%n%n%s%n",
                        couples, rate, app.getEnvironment().getProperty("camunda.bpm.job-execution.lock-time-in-millis", "300000 ms"),
                        app.getEnvironment().getProperty("teleservices.mail.slice-time", "PT1M"), job.state(), ms / 1000, job.emailed(),
                        ids.size(), distinct, ids.size() - distinct, second.get(), loadAverage(),
                        ok ? "Exactly-once benchmark: all checks passed." : "Exactly-once benchmark: CHECKS FAILED.");
            } finally {
                app.close();
            }
        }
        if (!ok) {
            System.exit(1);
        }
    }
}
