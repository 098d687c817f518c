package fr.adminteleservices.codes;

import org.springframework.http.HttpStatus;

/** An action on codes that is not possible now, with the French reason (409, or 400 for bad input). */
public class CodeRefused extends RuntimeException {

    private final HttpStatus status;

    public CodeRefused(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
