package fr.adminteleservices.mail;

/**
 * The SMTP server could not take the messages (down, refused the connection, timed out). Messages
 * recorded as sent before stay sent; the others wait for the next attempt.
 */
public class MailUnavailable extends RuntimeException {

    public MailUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
