package fr.adminteleservices.opening;

/** Opening or closing refused (409), with the French reason. */
public class ServiceChangeRefused extends RuntimeException {

    public ServiceChangeRefused(String message) {
        super(message);
    }
}
