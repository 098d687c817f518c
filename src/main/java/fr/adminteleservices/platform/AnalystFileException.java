package fr.adminteleservices.platform;

/** A process or rule file an analyst edited does not parse or compile; the message names file and line. */
public class AnalystFileException extends IllegalStateException {
    public AnalystFileException(String message) {
        super(message);
    }

    public AnalystFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
