package fr.adminteleservices.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox. {@link #enqueue} joins the caller's transaction, so a message exists exactly when the
 * decision to send it was committed. {@link #send} sends a batch's waiting messages, a group
 * ({@code teleservices.mail.group-size}, 50) per SMTP connection, and records each group's outcome in its own transaction: a message recorded
 * as sent is never sent again, and one not recorded waits for the next attempt. Its Message-ID is
 * fixed by the outbox row, so that the one window left (the server took the message, the record did
 * not commit) gives at worst a copy with the same Message-ID, which mail readers merge.
 */
@Service
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    /** A header naming the establishment a message was sent for (the demo mailbox shows a head only theirs). */
    public static final String ESTABLISHMENT_HEADER = "X-Teleservices-Etablissement";

    /** One map for every message: Spring would otherwise read mime.types again for each (NotificationBenchmark). */
    private static final jakarta.activation.FileTypeMap FILE_TYPES = new org.springframework.mail.javamail.ConfigurableMimeFileTypeMap();

    private final OutboxMapper mapper;
    private final JavaMailSenderImpl sender;
    private final Map<String, MailTemplate> templates;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final String from;
    private final String domain;
    private final int group;

    Outbox(OutboxMapper mapper, JavaMailSenderImpl sender, List<MailTemplate> templates, PlatformTransactionManager transactions,
           Clock clock, @Value("${teleservices.mail.from}") String from, @Value("${teleservices.mail.group-size:50}") int group) {
        this.mapper = mapper;
        this.sender = sender;
        this.templates = templates.stream().collect(Collectors.toMap(MailTemplate::name, Function.identity()));
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.from = from;
        this.domain = from.substring(from.indexOf('@') + 1);
        this.group = Math.max(1, group);
    }

    /**
     * Queues a message in the caller's transaction. Returns false, queuing nothing, when a message
     * with the same pending key is already waiting.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueue(OutgoingMail mail) {
        if (!templates.containsKey(mail.template())) {
            throw new IllegalArgumentException("No mail template named " + mail.template());
        }
        try {
            return mapper.insert(mail, clock.instant()) == 1;
        } catch (DuplicateKeyException alreadyWaiting) {
            return false;
        }
    }

    /**
     * For a message that a process step decides by itself (nothing else to commit with it): queues it
     * in its own transaction, unless the batch already holds a message of that template (a retried
     * step: waiting, or even already sent), then sends the batch. Throws {@link MailUnavailable} like
     * {@link #send}.
     */
    public int enqueueAndSend(OutgoingMail mail) {
        ownTransaction.executeWithoutResult(t -> {
            if (mapper.countInBatch(mail.batchId(), mail.template()) == 0) {
                enqueue(mail);
            }
        });
        return send(mail.batchId());
    }

    public int pending(String batchId) {
        return mapper.countPending(batchId);
    }

    /**
     * Sends every waiting message of the batch. Throws {@link MailUnavailable} when the SMTP server
     * cannot take them: the caller (a process job) retries later; what was sent stays sent.
     * Returns the number of messages sent by this call.
     */
    public int send(String batchId) {
        int sent = 0;
        java.util.Set<Long> handled = new java.util.HashSet<>();
        List<OutboxMapper.OutboxRow> rows;
        while (!(rows = mapper.findPending(batchId, group)).isEmpty()) {
            for (OutboxMapper.OutboxRow row : rows) {
                // a message handled in this call must not come back: sending it again is the one thing never to do
                if (!handled.add(row.id())) {
                    throw new IllegalStateException("Mail " + row.id() + " is still pending after it was handled");
                }
            }
            sent += sendGroup(rows);
        }
        return sent;
    }

    private int sendGroup(List<OutboxMapper.OutboxRow> rows) {
        Map<MimeMessage, OutboxMapper.OutboxRow> messages = new LinkedHashMap<>();
        for (OutboxMapper.OutboxRow row : rows) {
            try {
                messages.put(compose(row), row);
            } catch (MailObsolete obsolete) {
                abandon(row, "CANCELLED", obsolete.getMessage());
            } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
                log.warn("Mail {} cannot be composed: {}", row.id(), e.toString());
                abandon(row, "FAILED", "Le message n'a pas pu être composé.");
            }
        }
        if (messages.isEmpty()) {
            return 0;
        }
        Map<Object, Exception> failures = Map.of();
        try {
            sender.send(messages.keySet().toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            failures = e.getFailedMessages();
        } catch (MailException e) {
            // authentication or connection refused before any message: nothing was sent
            recordAttempt(new ArrayList<>(messages.values()), e);
            throw new MailUnavailable("Le serveur de messagerie est indisponible : " + e.getMessage(), e);
        }
        int sent = 0;
        List<OutboxMapper.OutboxRow> retry = new ArrayList<>();
        Exception lastTransient = null;
        for (Map.Entry<MimeMessage, OutboxMapper.OutboxRow> m : messages.entrySet()) {
            Exception failure = failures.get(m.getKey());
            if (failure == null) {
                markSent(m.getValue());
                sent++;
            } else if (isRecipientRefused(failure)) {
                abandon(m.getValue(), "FAILED", "Adresse refusée par le serveur de messagerie : " + m.getValue().recipient());
            } else {
                retry.add(m.getValue());
                lastTransient = failure;
            }
        }
        if (!retry.isEmpty()) {
            recordAttempt(retry, lastTransient);
            throw new MailUnavailable("Le serveur de messagerie est indisponible : " + lastTransient.getMessage(), lastTransient);
        }
        return sent;
    }

    private MimeMessage compose(OutboxMapper.OutboxRow row) throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new FixedIdMessage(sender.getSession(), "<outbox." + row.id() + "." + (row.batchId() == null ? "0" : row.batchId()) + "@" + domain + ">");
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8") {
            @Override
            protected jakarta.activation.FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
                return FILE_TYPES;
            }
        };
        helper.setFrom(new InternetAddress(from, row.senderName(), "UTF-8"));
        helper.setTo(row.recipient());
        templates.get(row.template()).compose(row.reference(), helper);
        return message;
    }

    private void markSent(OutboxMapper.OutboxRow row) {
        ownTransaction.executeWithoutResult(t -> {
            var at = clock.instant();
            if (mapper.markSent(row.id(), at) == 1) {
                templates.get(row.template()).sent(row.reference(), row.recipient(), at);
            }
        });
    }

    private void abandon(OutboxMapper.OutboxRow row, String state, String reason) {
        ownTransaction.executeWithoutResult(t -> {
            if (mapper.markAbandoned(row.id(), state, reason) == 1) {
                templates.get(row.template()).abandoned(row.reference(), row.recipient(), reason);
            }
        });
    }

    private void recordAttempt(List<OutboxMapper.OutboxRow> rows, Exception cause) {
        String error = cause == null ? null : truncate(cause.toString());
        ownTransaction.executeWithoutResult(t -> mapper.recordAttempt(rows.stream().map(OutboxMapper.OutboxRow::id).toList(), error));
    }

    /** The server refused this recipient (5xx on RCPT TO): retrying would not help. */
    private static boolean isRecipientRefused(Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SendFailedException sfe && sfe.getInvalidAddresses() != null && sfe.getInvalidAddresses().length > 0) {
                return true;
            }
        }
        return false;
    }

    private static String truncate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    /** A message whose Message-ID is the outbox's, not a random one chosen at each attempt. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
