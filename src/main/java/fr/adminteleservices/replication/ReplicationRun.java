package fr.adminteleservices.replication;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One replication: when, by whom ("minuterie" for the nightly timer), as of which day, and what it copied;
 * while it runs, {@code establishmentsDone} of {@code establishmentsTotal}.
 */
public record ReplicationRun(long id, String processInstanceId, Instant startedAt, Instant finishedAt, String startedBy,
                             LocalDate asOf, int establishments, int students, int guardians, int links, int services,
                             int codes, Long durationMs, int establishmentsTotal, int establishmentsDone) {
}
