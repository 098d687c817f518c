package fr.adminteleservices.siecle;

import java.time.Instant;

/** A past import, for the list on the import screen. */
public record ImportSummary(String id, Instant importedAt, String importedBy, String files,
                            int studentsCreated, int studentsUpdated, int studentsLeft, int rejectedCount) {
}
