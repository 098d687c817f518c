package fr.adminteleservices.accounts;

import java.util.Map;

/** What was typed cannot make or change an account: one French message per field. */
public class AccountRefused extends RuntimeException {

    private final Map<String, String> errors;

    public AccountRefused(Map<String, String> errors) {
        super(String.join(" ", errors.values()));
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }
}
