package fr.adminteleservices.establishment;

import java.time.Instant;
import java.time.LocalDate;

/** One entry of the history: who changed what, when, and from which day it applies. */
public record Change(long id, String academyCode, String uai, Instant recordedAt, String recordedBy, String subject,
                     String detail, LocalDate effectiveFrom) {
}
