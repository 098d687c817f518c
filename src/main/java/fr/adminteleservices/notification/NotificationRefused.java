package fr.adminteleservices.notification;

import org.springframework.http.HttpStatus;

/** A notification that cannot be done as asked; the message says why, in French, for the head. */
public class NotificationRefused extends RuntimeException {

    private final HttpStatus status;

    public NotificationRefused(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
