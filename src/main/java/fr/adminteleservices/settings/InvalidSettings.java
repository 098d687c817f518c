package fr.adminteleservices.settings;

import java.util.Map;

/** Refused values (400): one French message per field; nothing was changed. */
public class InvalidSettings extends RuntimeException {

    private final transient Map<String, String> errors;

    InvalidSettings(Map<String, String> errors) {
        super(String.join(" ", errors.values()));
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }
}
