package fr.adminteleservices.mail;

/** Thrown by a template: this message must not be sent any more; the message says why, in French. */
public class MailObsolete extends RuntimeException {

    public MailObsolete(String reason) {
        super(reason);
    }
}
