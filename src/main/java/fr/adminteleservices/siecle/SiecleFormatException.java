package fr.adminteleservices.siecle;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A file that cannot be imported at all; the whole import is refused and nothing is stored. A client's
 * mistake, not a failure: as a {@link BadUserRequestException} the engine logs it at DEBUG, not at ERROR
 * with a stack trace, when it crosses the import's service task.
 */
public class SiecleFormatException extends BadUserRequestException {
    public SiecleFormatException(String message) {
        super(message);
    }

    public SiecleFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
