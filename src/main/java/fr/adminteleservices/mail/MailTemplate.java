package fr.adminteleservices.mail;

import jakarta.mail.MessagingException;
import java.time.Instant;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * One kind of e-mail. The outbox sets sender, recipient and Message-ID; the template writes the
 * subject and the text and HTML parts, from its reference, at the moment of sending.
 */
public interface MailTemplate {

    /** The name stored in the outbox. */
    String name();

    /**
     * Writes the message. Throws {@link MailObsolete} when it should no longer be sent (the code was
     * invalidated meanwhile, …): the message is then cancelled, with that reason.
     */
    void compose(String reference, MimeMessageHelper message) throws MessagingException;

    /** Called in the transaction that records the message as sent. */
    default void sent(String reference, String recipient, Instant at) {
    }

    /** Called in the transaction that records that the message will never be sent, with the reason in French. */
    default void abandoned(String reference, String recipient, String reason) {
    }

    /**
     * A template whose reference is the id of a row: {@code load} reads it (null when it is gone: the
     * message is then cancelled with {@code goneReason}), {@code writer} writes the message from it.
     */
    static <T> MailTemplate byId(String name, java.util.function.LongFunction<T> load, String goneReason, Writer<T> writer) {
        return new MailTemplate() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void compose(String reference, MimeMessageHelper message) throws MessagingException {
                T row = load.apply(Long.parseLong(reference));
                if (row == null) {
                    throw new MailObsolete(goneReason);
                }
                writer.write(row, message);
            }
        };
    }

    /** Writes a message from the row it is about. */
    interface Writer<T> {
        void write(T row, MimeMessageHelper message) throws MessagingException;
    }
}
