package fr.adminteleservices.siecle;

/** A file that cannot be imported at all; the whole import is refused and nothing is stored. */
public class SiecleFormatException extends RuntimeException {
    public SiecleFormatException(String message) {
        super(message);
    }

    public SiecleFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
