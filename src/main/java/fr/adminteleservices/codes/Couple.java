package fr.adminteleservices.codes;

import java.time.LocalDate;

/** A couple élève / responsable as the lists of §4.1 and §4.3 show it, with the D5 decision. */
public record Couple(long linkId, Student student, Guardian guardian, Integer legalRank, boolean hasValidCode,
                     LocalDate notifiedOn, LocalDate continuityOn, boolean refused, boolean eligible, String reason) {

    public record Student(long id, String eleveId, String lastName, String firstName, String division, String mef) {
    }

    public record Guardian(long id, String personneId, String civility, String lastName, String firstName, String email) {
    }
}
