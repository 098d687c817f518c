package fr.adminteleservices.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
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
 * decision to send it was committed. {@link #sendSlice} sends a bounded slice of a batch's waiting
 * messages ({@code teleservices.mail.slice-size} messages, {@code teleservices.mail.slice-time}), so
 * that a process job always ends well inside the engine's job lock. Each message is first claimed
 * (owner and {@code teleservices.mail.claim-time}; the next {@value #FETCH} at most in one transaction), then
 * sent, then recorded as sent in its own transaction as soon as the server accepted it: a second execution
 * beside this one (lock expired, another node) never takes a claimed message, and a crash leaves at most
 * the one message in flight unrecorded (and the rest of its group claimed until the claim runs out). Its Message-ID is fixed by the outbox row, so that this window gives
 * at worst a copy with the same Message-ID, which mail readers merge.
 */
@Service
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    /** A header naming the establishment a message was sent for (the demo mailbox shows a head only theirs). */
    public static final String ESTABLISHMENT_HEADER = "X-Teleservices-Etablissement";
    /** Rows read at once while a slice goes on. */
    private static final int FETCH = 50;
    /** How often a slice looks again when the only messages left are claimed by another execution. */
    private static final Duration CLAIM_POLL = Duration.ofMillis(250);

    /** One map for every message: Spring would otherwise read mime.types again for each (NotificationBenchmark). */
    private static final jakarta.activation.FileTypeMap FILE_TYPES = new org.springframework.mail.javamail.ConfigurableMimeFileTypeMap();

    private final OutboxMapper mapper;
    private final JavaMailSenderImpl sender;
    private final Map<String, MailTemplate> templates;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final String from;
    private final String domain;
    private final int sliceSize;
    private final Duration sliceTime;
    private final Duration claimTime;

    Outbox(OutboxMapper mapper, JavaMailSenderImpl sender, List<MailTemplate> templates, PlatformTransactionManager transactions,
           Clock clock, MailProperties mail) {
        this.mapper = mapper;
        this.sender = sender;
        this.templates = templates.stream().collect(Collectors.toMap(MailTemplate::name, Function.identity()));
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.from = mail.from();
        this.domain = from.substring(from.indexOf('@') + 1);
        this.sliceSize = mail.sliceSize();
        this.sliceTime = mail.sliceTime();
        this.claimTime = mail.claimTime();
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
     * {@link #sendSlice}.
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

    /** Sends the whole batch, slice after slice: for the small batches (one or two messages) of a process step. */
    public int send(String batchId) {
        int sent = 0;
        Slice slice;
        do {
            slice = sendSlice(batchId);
            sent += slice.sent();
        } while (slice.left() > 0 && slice.sent() > 0);
        return sent;
    }

    /**
     * Sends the next slice of the batch's waiting messages. Throws {@link MailUnavailable} when the
     * SMTP server cannot take them: the caller (a process job) retries later; what was sent stays sent.
     */
    public Slice sendSlice(String batchId) {
        String owner = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + sliceTime.toNanos();
        int sent = 0;
        Set<Long> handled = new HashSet<>();
        Set<Long> held = new HashSet<>();
        try (SmtpConnection smtp = new SmtpConnection()) {
            while (sent < sliceSize && System.nanoTime() < deadline) {
                List<OutboxMapper.OutboxRow> rows = mapper.findClaimable(batchId, owner, clock.instant(), Math.min(FETCH, sliceSize - sent));
                if (rows.isEmpty()) {
                    if (mapper.countPending(batchId) == 0) {
                        break;
                    }
                    // the rest is claimed by another execution: wait, within this slice, until it is sent or its claim runs out
                    sleep(CLAIM_POLL);
                    continue;
                }
                // one transaction claims the group, not one per message
                Instant until = clock.instant().plus(claimTime);
                List<OutboxMapper.OutboxRow> claimed = claim(rows, owner, until);
                claimed.forEach(r -> held.add(r.id()));
                Instant renewBy = until.minus(claimTime.dividedBy(2));
                for (OutboxMapper.OutboxRow row : claimed) {
                    // past half the claim (a slow relay), the rest of the group is claimed again before it is sent
                    if (System.nanoTime() >= deadline || clock.instant().isAfter(renewBy)) {
                        break;
                    }
                    // a message handled in this call must not come back: sending it again is the one thing never to do
                    if (!handled.add(row.id())) {
                        throw new IllegalStateException("Mail " + row.id() + " is still pending after it was handled");
                    }
                    held.remove(row.id());
                    sent += sendOne(row, smtp);
                }
            }
        } finally {
            // what this slice claimed and did not send goes back now, not when its claim runs out
            release(held, owner);
        }
        return new Slice(sent, mapper.countPending(batchId));
    }

    /** What a slice did: messages sent, and messages of the batch still waiting. */
    public record Slice(int sent, int left) {
    }

    /**
     * Claims these waiting messages for this slice until {@code until}, in one transaction; returns those it got, in
     * their order. The condition of the update makes it atomic: of two executions, each message goes to one. A
     * message this slice claimed before (and has not sent: the renewal of a slow group) is taken again.
     */
    private List<OutboxMapper.OutboxRow> claim(List<OutboxMapper.OutboxRow> rows, String owner, Instant until) {
        Instant now = clock.instant();
        List<Long> ids = rows.stream().map(OutboxMapper.OutboxRow::id).toList();
        Set<Long> got = ownTransaction.execute(t -> {
            mapper.claim(ids, owner, now, until);
            return new HashSet<>(mapper.findClaimedBy(ids, owner));
        });
        return rows.stream().filter(r -> got.contains(r.id())).toList();
    }

    private void release(Set<Long> held, String owner) {
        if (!held.isEmpty()) {
            ownTransaction.executeWithoutResult(t -> mapper.release(List.copyOf(held), owner));
        }
    }

    /** Sends one claimed message and records the outcome at once; returns 1 when it was sent. */
    private int sendOne(OutboxMapper.OutboxRow row, SmtpConnection smtp) {
        MimeMessage message;
        try {
            message = compose(row);
        } catch (MailObsolete obsolete) {
            abandon(row, "CANCELLED", obsolete.getMessage());
            return 0;
        } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
            log.warn("Mail {} cannot be composed: {}", row.id(), e.toString());
            abandon(row, "FAILED", "Le message n'a pas pu être composé.");
            return 0;
        }
        try {
            smtp.send(message);
        } catch (MessagingException e) {
            if (isRecipientRefused(e)) {
                abandon(row, "FAILED", "Adresse refusée par le serveur de messagerie : " + row.recipient());
                return 0;
            }
            recordAttempt(row, e);
            throw new MailUnavailable("Le serveur de messagerie est indisponible : " + e.getMessage(), e);
        }
        markSent(row);
        return 1;
    }

    /**
     * One SMTP connection for a slice, opened at the first message, each message sent on its own. Asking the
     * connection whether it is alive costs a NOOP and its answer per message (Transport.isConnected): it is not
     * asked; a message that fails on a connection already used (the server closed it meanwhile) is sent once more on
     * a new one, as the engine's retry would have sent it, with the same Message-ID.
     */
    private final class SmtpConnection implements AutoCloseable {
        private Transport transport;

        void send(MimeMessage message) throws MessagingException {
            if (message.getSentDate() == null) {
                message.setSentDate(new java.util.Date(clock.millis()));
            }
            message.saveChanges();
            boolean reused = transport != null;
            if (!reused) {
                connect();
            }
            try {
                transport.sendMessage(message, message.getAllRecipients());
            } catch (MessagingException e) {
                if (!reused || isRecipientRefused(e)) {
                    throw e;
                }
                log.debug("SMTP connection lost, sending again on a new one: {}", e.toString());
                close();
                connect();
                transport.sendMessage(message, message.getAllRecipients());
            }
        }

        private void connect() throws MessagingException {
            transport = sender.getSession().getTransport(sender.getProtocol() == null ? "smtp" : sender.getProtocol());
            try {
                transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
            } catch (MessagingException e) {
                transport = null;
                throw e;
            }
        }

        @Override
        public void close() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException e) {
                    log.debug("Closing the SMTP connection: {}", e.toString());
                }
                transport = null;
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailUnavailable("Envoi interrompu.", e);
        }
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

    private void recordAttempt(OutboxMapper.OutboxRow row, Exception cause) {
        String error = cause == null ? null : truncate(cause.toString());
        ownTransaction.executeWithoutResult(t -> mapper.recordAttempt(row.id(), error));
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
