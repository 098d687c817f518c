package fr.adminteleservices.establishment;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@ResponseStatus(HttpStatus.NOT_FOUND)
public class UnknownEstablishmentException extends RuntimeException {
    public UnknownEstablishmentException(String uai) {
        super("Établissement inconnu : " + uai);
    }
}
