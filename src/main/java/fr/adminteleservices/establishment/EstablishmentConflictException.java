package fr.adminteleservices.establishment;

/** Registering something that already exists (an UAI, a log-in). */
public class EstablishmentConflictException extends RuntimeException {
    public EstablishmentConflictException(String message) {
        super(message);
    }
}
