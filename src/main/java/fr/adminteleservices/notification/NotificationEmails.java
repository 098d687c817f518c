package fr.adminteleservices.notification;

import fr.adminteleservices.mail.OutgoingMail;
import fr.adminteleservices.mail.Outbox;
import org.springframework.stereotype.Component;

/**
 * The e-mails of a guardians' notification (C2, C3): queued in the outbox in the transaction that decides the item,
 * then « Envoyer les courriels » of {@code processes/code-notification.bpmn} sends them slice by slice. The message
 * itself is composed when sent ({@link GuardianLetterMail}), which also records the code notified.
 */
@Component
class NotificationEmails {

    static final String MAIL_TEMPLATE = "guardian-letter";

    private final NotificationMapper mapper;
    private final Outbox outbox;

    NotificationEmails(NotificationMapper mapper, Outbox outbox) {
        this.mapper = mapper;
        this.outbox = outbox;
    }

    /** Queues the e-mail of a decided item; one already pending for the same code (another request) fails this item. */
    void queue(String jobId, NotificationMapper.GuardianItem item, LetterFactory.Context context) {
        boolean queued = outbox.enqueue(new OutgoingMail(jobId, MAIL_TEMPLATE, Long.toString(item.id()), item.email().strip(),
                context.establishmentName(), "CAR-" + item.codeId()));
        if (!queued) {
            mapper.failItem(item.id(), "Un courriel de notification de ce code est déjà en cours d'envoi (autre demande).");
        }
    }

    /**
     * One slice: returns how many e-mails still wait (the process loops). Throws when the SMTP server is
     * unavailable, so that the process retries later.
     */
    int sendSlice(String jobId) {
        return outbox.sendSlice(jobId).left();
    }
}
