package fr.adminteleservices.codes;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The codes' API answers a refused action with its status and French reason. */
@RestControllerAdvice(assignableTypes = {CodesApi.class, StudentCodesApi.class})
class CodesApiErrors {

    @ExceptionHandler(CodeRefused.class)
    ResponseEntity<Map<String, Object>> refused(CodeRefused e) {
        return ResponseEntity.status(e.status()).body(Map.of("status", e.status().value(), "message", e.getMessage()));
    }
}
