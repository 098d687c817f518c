package fr.adminteleservices.statistics;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@ResponseStatus(HttpStatus.NOT_FOUND)
class UnknownAcademyException extends RuntimeException {

    UnknownAcademyException(String code) {
        super("L'académie « " + code + " » n'existe pas.");
    }
}
