package fr.adminteleservices.codes;

import java.time.LocalDate;

/** One code of a couple's (or a student's) history (§4.3), its value masked. */
public record CodeHistoryEntry(long id, String maskedValue, LocalDate createdOn, LocalDate validFrom, boolean valid,
                               LocalDate invalidatedOn, String invalidationReason, LocalDate notifiedOn,
                               LocalDate continuityOn, boolean used) {
}
