package fr.adminteleservices.siecle;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * What an import did: created, updated and left (students who left, guardians no longer listed,
 * links that ended), and every rejected record with its file, identifier and French reason.
 */
public record ImportReport(
        @JsonIgnore String importId,
        @JsonIgnore String uai,
        @JsonIgnore Instant importedAt,
        Counts students,
        Counts guardians,
        Counts links,
        List<Rejection> rejected) {

    public record Counts(int created, int updated, int left) {
        public int total() {
            return created + updated + left;
        }
    }

    /** {@code record} is the SIECLE identifier, e.g. "ELEVE_ID 1234" or "PERSONNE_ID 88". */
    public record Rejection(String file, String record, String reason) {
    }
}
