package fr.adminteleservices.enrolment;

/** A téléinscription action that is not allowed now, with the French reason to show. */
public class EnrolmentRefused extends RuntimeException {

    public EnrolmentRefused(String message) {
        super(message);
    }
}
