package fr.adminteleservices.codes;

import java.time.Instant;
import java.util.List;

/**
 * The accounts created with a couple's or a student's codes, for the « Compte téléservice » panel of
 * §4.3 and §5.2. Implemented by the accounts feature (which depends on this one, not the reverse).
 */
public interface CodeAccounts {

    /** Newest first: the panel shows the last known account. */
    List<CodeAccount> ofCouple(String uai, long linkId);

    List<CodeAccount> ofStudent(String uai, String eleveId);

    record CodeAccount(long id, String username, String email, boolean provisional, Instant createdAt, Instant lastLoginAt) {
    }
}
