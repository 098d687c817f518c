package fr.adminteleservices.notification;

import java.time.LocalDate;

/** A student whose valid CAE may be notified, as the list of §5.1 shows it. */
public record NotifiableStudent(long studentId, long codeId, String eleveId, String lastName, String firstName, String division,
                                String mef, LocalDate birthDate, LocalDate notifiedOn, LocalDate continuityOn, boolean refused) {
}
