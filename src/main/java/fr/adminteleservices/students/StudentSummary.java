package fr.adminteleservices.students;

import java.time.LocalDate;

/** A student in the API: {@code mef} is the MEF code, {@code leftOn} null while present. */
public record StudentSummary(String eleveId, String ine, String lastName, String firstName, LocalDate birthDate,
                             String mef, String mefLabel, String division, LocalDate leftOn) {
}
