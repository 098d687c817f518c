package fr.adminteleservices.rollover;

/** Dates the rollover cannot use, with the French reason. */
public class RolloverRefused extends RuntimeException {

    public RolloverRefused(String message) {
        super(message);
    }
}
