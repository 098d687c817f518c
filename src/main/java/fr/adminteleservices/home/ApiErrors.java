package fr.adminteleservices.home;

import fr.adminteleservices.establishment.UnknownEstablishmentException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** API errors as JSON with a French message; screens keep the error page. */
@RestControllerAdvice(annotations = RestController.class)
class ApiErrors {

    @ExceptionHandler(UnknownEstablishmentException.class)
    ResponseEntity<Map<String, Object>> unknownEstablishment(UnknownEstablishmentException e) {
        return body(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
        return body(HttpStatus.PAYLOAD_TOO_LARGE, "Fichiers trop volumineux : 200 Mo au plus par fichier, 400 Mo par envoi.");
    }

    private static ResponseEntity<Map<String, Object>> body(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("status", status.value(), "message", message));
    }
}
