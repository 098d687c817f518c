package fr.adminteleservices.catalogue;

/** A catalogue change that is refused, with the French reason shown to the administrator. */
public class CatalogueException extends RuntimeException {

    public CatalogueException(String message) {
        super(message);
    }
}
