package fr.adminteleservices.codes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One code of a couple's (or a student's) history (§4.3), its value masked. */
public record CodeHistoryEntry(long id, String maskedValue, LocalDate createdOn, LocalDate validFrom, boolean valid,
                               LocalDate invalidatedOn, String invalidationReason, LocalDate notifiedOn,
                               LocalDate continuityOn, boolean used, List<Reveal> reveals) {

    /** A showing of the code's value: who asked, when (every showing is recorded, none is hidden). */
    public record Reveal(Instant at, String by) {

        private static final java.time.format.DateTimeFormatter FRENCH =
                java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH 'h' mm");

        /** « 01/10/2026 à 14 h 05 par chef.0990001N », in Paris time. */
        public String label() {
            return FRENCH.format(at.atZone(java.time.ZoneId.of("Europe/Paris"))) + " par " + (by == null ? "inconnu" : by);
        }
    }

    CodeHistoryEntry withReveals(List<Reveal> shown) {
        return new CodeHistoryEntry(id, maskedValue, createdOn, validFrom, valid, invalidatedOn, invalidationReason, notifiedOn,
                continuityOn, used, List.copyOf(shown));
    }
}
