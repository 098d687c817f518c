package fr.adminteleservices.notification;

import static fr.adminteleservices.support.Heads.headOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import fr.adminteleservices.support.Heads;
import fr.adminteleservices.support.SlowSmtpServer;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * processes/code-notification.bpmn: decide, print, send, an outage as an incident until retried, and each step run twice or
 * by a dead execution without a letter or a message twice; on H2 and MariaDB.
 */
abstract class CodeNotificationProcessContract extends EstablishmentWithCodes {

    /**
     * processes/code-notification.bpmn, step by step: decide, print, send, end; when the SMTP server
     * stays down the sending is retried with backoff, then stops as an incident (Cockpit) that the
     * summary shows; « Réessayer » then sends what was left, once.
     */
    @Test
    void theProcessDecidesPrintsSendsAndAnOutageEndsAsAnIncidentUntilRetried() throws Exception {
        String jobId = started(notifyGuardians("{\"confirmed\":true,\"channels\":[\"EMAIL\",\"PAPER\"]}"));
        ProcessInstance pi = instanceOf(jobId);
        BpmnAwareTests.assertThat(pi).isStarted().isWaitingAt("Decider");
        assertThat(pi.getTenantId()).isEqualTo(uai);
        execute(job(pi));
        BpmnAwareTests.assertThat(pi).hasPassed("Decider", "ResteADecider").isWaitingAt("ProduirePdf");
        execute(job(pi));
        BpmnAwareTests.assertThat(pi).hasPassed("ProduirePdf").isWaitingAt("EnvoyerCourriels");
        assertThat(jobView(jobId)).containsEntry("printed", 2).containsEntry("emailed", 0).containsEntry("waitingEmails", 2);

        smtp.stop();
        Job mailer = job(pi);
        ManagementService management = engine.getManagementService();
        int attempts = 0;
        while (management.createJobQuery().jobId(mailer.getId()).singleResult().getRetries() > 0 && attempts++ < 10) {
            assertThatThrownBy(() -> execute(mailer)).hasMessageContaining("indisponible");
            if (attempts == 1) {
                // the backoff of the BPMN: the next attempt in a minute, not at once
                java.util.Date next = management.createJobQuery().jobId(mailer.getId()).singleResult().getDuedate();
                assertThat(next).isAfter(java.util.Date.from(clock.instant().plusSeconds(50)));
                // and the head sees it, not « en cours » (issue 17, point 5)
                java.time.ZonedDateTime nextInParis = next.toInstant().atZone(java.time.ZoneId.of("Europe/Paris"));
                // the day is said when the next attempt is not today in Paris (a test run just before midnight)
                String day = nextInParis.toLocalDate().equals(clock.instant().atZone(java.time.ZoneId.of("Europe/Paris")).toLocalDate())
                        ? "" : " le " + nextInParis.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM"));
                String at = day.isEmpty() ? "à " + nextInParis.format(java.time.format.DateTimeFormatter.ofPattern("H' h 'mm"))
                        : day.strip() + " à " + nextInParis.format(java.time.format.DateTimeFormatter.ofPattern("H' h 'mm"));
                Map<String, Object> retrying = jobView(jobId);
                assertThat(retrying).containsEntry("state", "RUNNING")
                        .containsEntry("retry", "Le serveur de messagerie ne répond pas ; nouvel essai " + at + ".");
                assertThat((String) retrying.get("lastError")).contains("indisponible");
                var session = (org.springframework.mock.web.MockHttpSession) mvc.perform(
                                org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin("/login")
                                        .user(Heads.username(uai)).password(Heads.password(uai)))
                        .andReturn().getRequest().getSession(false);
                mvc.perform(get("/etablissements/" + uai + "/notifications/" + jobId).session(session)).andExpect(status().isOk())
                        .andExpect(content().string(containsString("Le serveur de messagerie ne répond pas ; nouvel essai " + at)));
            }
        }
        assertThat(attempts).isEqualTo(6);
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);
        Map<String, Object> failed = jobView(jobId);
        assertThat(failed).containsEntry("state", "FAILED").containsEntry("emailed", 0).containsEntry("waitingEmails", 2);
        assertThat((String) failed.get("failure")).contains("Cockpit");
        assertThat(notifiedOn("10")).isNull();
        assertThat(jdbc.queryForObject("select max(attempts) from mail_outbox where batch_id = ?", Integer.class, jobId)).isEqualTo(6);

        // « Réessayer » in Cockpit gives the job one more attempt
        smtp.start();
        management.setJobRetries(mailer.getId(), 1);
        execute(job(pi));
        BpmnAwareTests.assertThat(pi).hasPassed("EnvoyerCourriels", "Terminer", "NotificationTerminee").isEnded();
        assertThat(jobView(jobId)).containsEntry("state", "DONE").containsEntry("emailed", 2).containsEntry("waitingEmails", 0);
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(notifiedOn("10")).isEqualTo(LocalDate.now(clock));
    }

    /**
     * Issue 18 §3: when a whole académie notifies at once, every notification's decisions and PDF go before any e-mail.
     * Their jobs have the higher priority and the engine acquires by priority; the e-mail slices are not exclusive, so
     * each goes back to the queue instead of keeping its thread (Camunda runs the next exclusive job of the same
     * instance on the same thread): otherwise a thread carried its establishment through all of its e-mails while the
     * next establishments' letters waited.
     */
    @Test
    void theDecisionsAndTheLettersGoBeforeTheEmails() throws Exception {
        assertThat(((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .isJobExecutorAcquireByPriority()).isTrue();
        ProcessInstance pi = instanceOf(started(notifyGuardians("{\"confirmed\":true,\"channels\":[\"EMAIL\",\"PAPER\"]}")));
        JobEntity decide = (JobEntity) job(pi);
        assertThat(decide.getPriority()).isEqualTo(10);
        execute(decide);
        JobEntity print = (JobEntity) job(pi);
        assertThat(print.getPriority()).isEqualTo(10);
        assertThat(print.isExclusive()).isTrue();
        execute(print);
        BpmnAwareTests.assertThat(pi).isWaitingAt("EnvoyerCourriels");
        JobEntity send = (JobEntity) job(pi);
        assertThat(send.getPriority()).isZero();
        assertThat(send.isExclusive()).isFalse();
        execute(send);
        BpmnAwareTests.assertThat(pi).isEnded();
        assertThat(smtp.getReceivedMessages()).hasSize(2);
    }

    /**
     * Issue 17, point 1, the PDF step: run twice at once (its lock ran out while it rendered), it
     * records each letter once and leaves one whole PDF.
     */
    @Test
    void aSecondExecutionOfThePdfStepBesideTheFirstRecordsNoLetterTwice() throws Exception {
        String big = fixtures.another();
        String jobId = notificationOfThirtyGuardians(big, "PAPER");
        Job printer = job(instanceOf(jobId));
        ManagementService management = engine.getManagementService();
        java.util.concurrent.ExecutorService node = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.Future<?> first = node.submit(() -> management.executeJob(printer.getId()));
        List<Throwable> failures = new java.util.ArrayList<>();
        try {
            management.executeJob(printer.getId());
        } catch (Exception e) {
            failures.add(e);
        }
        try {
            first.get(120, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            failures.add(e.getCause());
        } finally {
            node.shutdown();
        }
        // the one that did not complete the job lost the engine's optimistic lock, nothing else (it shared the
        // partial file before: NoSuchFileException, or a half-written PDF moved in place)
        // (both may lose it when they finish at the same moment: the job then runs again below)
        assertThat(failures).hasSizeLessThanOrEqualTo(2)
                .allSatisfy(f -> assertThat(f).isInstanceOf(org.camunda.bpm.engine.OptimisticLockingException.class));
        runJobs(jobId);
        assertThat(jdbc.queryForObject("select count(*) from code_notification where uai = ? and channel = 'PAPER'", Integer.class, big))
                .isEqualTo(30);
        assertThat(jobView(jobId, big)).containsEntry("state", "DONE").containsEntry("printed", 30);
        byte[] pdf = mvc.perform(get("/api/notification-jobs/" + jobId + "/pdf").with(headOf(big))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        // one PDF kept: the execution that finished second dropped its own copy
        assertThat(jdbc.queryForObject("select count(*) from notification_pdf where job_id = ?", Integer.class, jobId)).isEqualTo(1);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document).split("Code d.Activation Responsable", -1)).hasSizeGreaterThan(30);
        }
    }

    /**
     * Issue 17, point 1: with a slow relay, one job execution sends a bounded slice (the test profile's
     * 10) and the process loops; a second execution of the same job beside the first (its lock ran
     * out, another node took it) sends none of the messages the first one claimed: in the end each
     * guardian got one message, 30 distinct Message-IDs for 30 messages.
     */
    @Test
    void aSecondExecutionOfTheMailJobBesideTheFirstSendsNoMessageTwice() throws Exception {
        String big = fixtures.another();
        String jobId = eMailNotificationOfThirtyGuardians(big);
        ProcessInstance pi = instanceOf(jobId);
        try (SlowSmtpServer relay = new SlowSmtpServer(java.time.Duration.ofMillis(150))) {
            int port = mailSender.getPort();
            mailSender.setPort(relay.port());
            try {
                Job mailer = job(pi);
                ManagementService management = engine.getManagementService();
                java.util.concurrent.ExecutorService node = java.util.concurrent.Executors.newSingleThreadExecutor();
                java.util.concurrent.Future<?> first = node.submit(() -> management.executeJob(mailer.getId()));
                long until = System.currentTimeMillis() + 20_000;
                while (relay.messageIds().size() < 2 && System.currentTimeMillis() < until) {
                    Thread.sleep(20);
                }
                // the same job again while the first execution still sends (as after the job's lock ran out)
                Exception second = null;
                try {
                    management.executeJob(mailer.getId());
                } catch (Exception e) {
                    second = e; // the engine's optimistic locking: one of the two completes the job
                }
                Exception firstOutcome = null;
                try {
                    first.get(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    firstOutcome = e;
                }
                node.shutdown();
                assertThat(firstOutcome == null || second == null).as("one execution completes the job").isTrue();
                // each execution stays within its slice: the process went round and waits for the next one
                assertThat(relay.messageIds()).hasSizeBetween(10, 20);
                BpmnAwareTests.assertThat(pi).hasPassed("ResteDesCourriels").isWaitingAt("EnvoyerCourriels");
                assertThat(jobView(jobId, big)).containsEntry("state", "RUNNING").containsEntry("emailed", sentInOutbox(jobId));

                runJobs(jobId);
            } finally {
                mailSender.setPort(port);
            }
            BpmnAwareTests.assertThat(pi).hasPassed("EnvoyerCourriels", "Terminer").isEnded();
            List<String> ids = relay.messageIds();
            assertThat(ids).hasSize(30).doesNotHaveDuplicates();
            assertThat(sentInOutbox(jobId)).isEqualTo(30);
            assertThat(jdbc.queryForObject("select count(*) from code_notification where uai = ?", Integer.class, big)).isEqualTo(30);
        }
    }

    /**
     * Issue 17, point 2: an execution died while it sent Paul's message (its claim, the test profile's
     * 5 s, still runs). The next execution sends Anne's at once, leaves Paul's alone while the claim
     * runs, then sends it once the claim ran out: no 5-minute wait per message, nothing sent twice.
     */
    @Test
    void aMessageClaimedByADeadExecutionIsSentOnceItsClaimRunsOut() throws Exception {
        String jobId = started(notifyGuardians("{\"confirmed\":true,\"channels\":[\"EMAIL\"]}"));
        ProcessInstance pi = instanceOf(jobId);
        execute(job(pi)); // decide
        execute(job(pi)); // no paper letters
        jdbc.update("update mail_outbox set claimed_by = 'noeud-arrete', claimed_until = ? where batch_id = ? and recipient = ?",
                java.sql.Timestamp.from(clock.instant().plusSeconds(3)), jobId, "paul.martin@example.fr");

        execute(job(pi));

        BpmnAwareTests.assertThat(pi).hasPassed("EnvoyerCourriels", "Terminer").isEnded();
        Map<String, List<MimeMessage>> received = byRecipient(smtp.getReceivedMessages());
        assertThat(received.keySet()).containsExactly("anne.bernard@example.fr", "paul.martin@example.fr");
        assertThat(received.values()).allSatisfy(m -> assertThat(m).hasSize(1));
        assertThat(jdbc.queryForList("select recipient from mail_outbox where batch_id = ? order by sent_at, id", String.class, jobId))
                .as("Anne first: Paul waited for the claim").containsExactly("anne.bernard@example.fr", "paul.martin@example.fr");
    }

    /**
     * Issue 17, point 2: each message is recorded as sent as soon as the server accepted it, so that a
     * crash leaves at most the message in flight unrecorded: when the relay accepts message n, the
     * n − 1 before it are already SENT in the outbox (they were recorded by groups of 10 before). The slice claims its
     * messages in one transaction, not one per message.
     */
    @Test
    void eachMessageIsRecordedAsSentBeforeTheNextOneLeaves() throws Exception {
        String big = fixtures.another();
        String jobId = eMailNotificationOfThirtyGuardians(big);
        try (SlowSmtpServer relay = new SlowSmtpServer(java.time.Duration.ofMillis(20))) {
            java.util.List<Integer> unrecorded = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.List<Integer> claimedWaiting = new java.util.concurrent.CopyOnWriteArrayList<>();
            relay.onAccepted(n -> {
                unrecorded.add((n - 1) - sentInOutbox(jobId));
                claimedWaiting.add(jdbc.queryForObject("select count(*) from mail_outbox where batch_id = ? and state = 'PENDING'"
                        + " and claimed_by is not null", Integer.class, jobId));
            });
            int port = mailSender.getPort();
            mailSender.setPort(relay.port());
            try {
                runJobs(jobId);
            } finally {
                mailSender.setPort(port);
            }
            assertThat(relay.messageIds()).hasSize(30).doesNotHaveDuplicates();
            assertThat(unrecorded).hasSize(30).allSatisfy(u -> assertThat(u).as("accepted before, not recorded").isLessThanOrEqualTo(0));
            // each slice (the test profile's 10) claimed its messages in one go, before the first left, not one by one
            assertThat(claimedWaiting.get(0)).as("claimed when the first was accepted").isEqualTo(10);
            assertThat(claimedWaiting.get(9)).as("claimed when the tenth was accepted").isEqualTo(1);
        }
    }

    /**
     * The SMTP server stops in the middle of a batch of 30 e-mails: the process retries later, and
     * in the end every guardian got exactly one e-mail and is marked notified, no one before.
     */
    @Test
    void anSmtpOutageInTheMiddleOfABatchLosesNothingAndSendsNothingTwice() throws Exception {
        String big = fixtures.another();
        String jobId = eMailNotificationOfThirtyGuardians(big);
        ProcessInstance pi = instanceOf(jobId);
        Job mailer = job(pi);
        assertThat(mailer).isNotNull();

        // the server goes down as soon as the first messages are recorded as sent (one group of the test profile's 10)
        Thread outage = new Thread(() -> {
            long until = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < until && jdbc.queryForObject(
                    "select count(*) from mail_outbox where batch_id = ? and state = 'SENT'", Integer.class, jobId) == 0) {
                Thread.onSpinWait();
            }
            smtp.stop();
        });
        outage.start();
        assertThatThrownBy(() -> execute(mailer)).hasMessageContaining("indisponible");
        outage.join();
        int sentFirst = jdbc.queryForObject("select count(*) from mail_outbox where batch_id = ? and state = 'SENT'", Integer.class, jobId);
        assertThat(sentFirst).isBetween(1, 29);
        // the failed slice claimed a group at once: what it did not send is free again at once, not when its claim runs out
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where batch_id = ? and state = 'PENDING'"
                + " and (claimed_by is not null or claimed_until is not null)", Integer.class, jobId)).isZero();
        List<String> sentBefore = jdbc.queryForList("select recipient from mail_outbox where batch_id = ? and state = 'SENT'",
                String.class, jobId);
        assertThat(jdbc.queryForObject("select count(*) from guardian_code where uai = ? and notified_on is not null", Integer.class, big))
                .isEqualTo(sentFirst);
        Map<String, Object> waiting = JsonPath.read(mvc.perform(get("/api/notification-jobs/" + jobId).with(headOf(big)))
                .andReturn().getResponse().getContentAsString(), "$");
        assertThat(waiting).containsEntry("state", "RUNNING").containsEntry("emailed", sentFirst).containsEntry("waitingEmails", 30 - sentFirst);

        // while it is down, a retry fails again and sends nothing
        assertThatThrownBy(() -> execute(job(pi))).hasMessageContaining("indisponible");

        smtp.start();
        runJobs(jobId);
        assertThat(instanceOf(jobId)).isNull();
        Function<String, Integer> count = sql -> jdbc.queryForObject(sql, Integer.class, big);
        assertThat(count.apply("select count(*) from guardian_code where uai = ? and notified_on is not null")).isEqualTo(30);
        assertThat(count.apply("select count(*) from code_notification where uai = ?")).isEqualTo(30);
        // the restarted server got exactly the others, one message each, none of those sent before the outage
        Map<String, List<MimeMessage>> received = byRecipient(smtp.getReceivedMessages());
        assertThat(received).hasSize(30 - sentFirst);
        assertThat(received.values()).allSatisfy(m -> assertThat(m).hasSize(1));
        assertThat(received.keySet()).doesNotContainAnyElementsOf(sentBefore);
    }
}
