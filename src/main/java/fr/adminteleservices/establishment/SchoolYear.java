package fr.adminteleservices.establishment;

import java.time.LocalDate;

/** A school year, named by the calendar year it starts in (SIECLE's ANNEE_SCOLAIRE). */
public record SchoolYear(String academyCode, int startYear, LocalDate startsOn, LocalDate endsOn, boolean current) {

    public String label() {
        return startYear + "-" + (startYear + 1);
    }
}
