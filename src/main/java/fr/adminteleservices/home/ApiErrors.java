package fr.adminteleservices.home;

import fr.adminteleservices.establishment.UnknownEstablishmentException;
import fr.adminteleservices.establishment.EstablishmentConflictException;
import java.util.List;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import java.util.Map;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
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

    @ExceptionHandler(EstablishmentConflictException.class)
    ResponseEntity<Map<String, Object>> conflict(EstablishmentConflictException e) {
        return body(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Map<String, Object>> invalidForm(MethodArgumentNotValidException e) {
        List<String> errors = e.getBindingResult().getAllErrors().stream()
                .map(DefaultMessageSourceResolvable::getDefaultMessage).sorted().toList();
        return ResponseEntity.badRequest().body(Map.of("status", 400, "message", String.join(" ", errors), "errors", errors));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return body(HttpStatus.BAD_REQUEST, "Requête illisible : vérifiez le JSON envoyé (types et valeurs attendus, "
                + "par exemple « kind » : COLLEGE ou LYCEE).");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
        return body(HttpStatus.PAYLOAD_TOO_LARGE, "Fichiers trop volumineux : 30 Mo au plus par fichier, 100 Mo par envoi "
                + "(un export SIECLE fait quelques Mo).");
    }

    private static ResponseEntity<Map<String, Object>> body(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("status", status.value(), "message", message));
    }
}
