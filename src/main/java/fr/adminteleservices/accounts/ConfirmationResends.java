package fr.adminteleservices.accounts;

import fr.adminteleservices.mail.Outbox;
import fr.adminteleservices.mail.OutgoingMail;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends a new confirmation e-mail once the caller's transaction has committed: the corrected address and the
 * former links' expiry are then visible to the composer, which creates the new link. A failure of the SMTP
 * server ({@link fr.adminteleservices.mail.MailUnavailable}) reaches the caller, which says so.
 */
@Component
class ConfirmationResends {

    private final Outbox outbox;
    private final AccountMapper mapper;

    ConfirmationResends(Outbox outbox, AccountMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    void send(long accountId) {
        Runnable send = () -> {
            String batch = UUID.randomUUID().toString();
            outbox.enqueueAndSend(new OutgoingMail(batch, AccountMails.CONFIRMATION, Long.toString(accountId),
                    mapper.findAccount(accountId).email(), AccountMails.SENDER, "RESEND-" + batch));
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    send.run();
                }
            });
        } else {
            send.run();
        }
    }
}
