package fr.adminteleservices.statistics;

import fr.adminteleservices.establishment.SchoolYear;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The current school year as the statistics count it (« année courante »: between the school year's start and end
 * dates, both included), with the same bounds as instants in Paris time for timestamps, and today for presence.
 */
record Period(LocalDate today, LocalDate startsOn, LocalDate endsOn, Instant from, Instant until, String label) {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    static Period of(SchoolYear year, LocalDate today) {
        return new Period(today, year.startsOn(), year.endsOn(), startOf(year.startsOn()), startOf(year.endsOn().plusDays(1)),
                year.label());
    }

    /** The months of the school year, September to August, each bounded in Paris time. */
    List<Month> months() {
        List<Month> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(startsOn); !m.isAfter(YearMonth.from(endsOn)); m = m.plusMonths(1)) {
            LocalDate first = m.atDay(1).isBefore(startsOn) ? startsOn : m.atDay(1);
            LocalDate next = m.plusMonths(1).atDay(1).isAfter(endsOn) ? endsOn.plusDays(1) : m.plusMonths(1).atDay(1);
            months.add(new Month(m.toString(), m.getMonth().getDisplayName(TextStyle.FULL, Locale.FRENCH) + " " + m.getYear(),
                    startOf(first), startOf(next)));
        }
        return months;
    }

    record Month(String month, String label, Instant from, Instant until) {
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(PARIS).toInstant();
    }
}
