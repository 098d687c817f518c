package fr.adminteleservices.notification;

import fr.adminteleservices.codes.CodeKind;
import java.time.Instant;
import java.util.List;

/**
 * A notification job as the progress bar, the summary and {@code GET /api/notification-jobs/{id}}
 * show it. {@code state}: RUNNING, DONE, or FAILED (an incident stopped it: see {@code failure},
 * and Cockpit). {@code waitingEmails}: e-mails not sent yet (SMTP server unavailable). While a step
 * waits for its next attempt: {@code retry}, the sentence for the head (« Le serveur de messagerie ne
 * répond pas ; nouvel essai à 14 h 05. »), {@code lastError} and {@code nextAttemptAt}.
 */
public record JobView(String id, String uai, CodeKind kind, String state, int done, int total, int emailed, int printed,
                      int waitingEmails, List<Skipped> skipped, String pdf, Instant requestedAt, String requestedBy,
                      Instant finishedAt, String failure, String retry, String lastError, Instant nextAttemptAt) {

    public record Skipped(Long linkId, String eleveId, String student, String guardian, String reason) {
    }
}
