package fr.adminteleservices.codes;

import org.springframework.stereotype.Component;

/**
 * What other features may do with a stored code: print it in a letter or an e-mail at the moment
 * it is sent. The value is never returned in any other way (no logging, no process variable).
 */
@Component
public class CodeValues {

    private final CodeSecrets secrets;

    CodeValues(CodeSecrets secrets) {
        this.secrets = secrets;
    }

    /** The formatted value ({@code 7KQ4M-2XP9R-TDWAB}) of an encrypted code, for a letter being printed or sent. */
    public String forLetter(String encryptedValue) {
        return secrets.decrypt(encryptedValue).reveal();
    }
}
