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
 * dates, both included), with the same bounds as instants in Paris time for timestamps (accounts' creation), and
 * today for presence.
 */
record Period(LocalDate today, LocalDate startsOn, LocalDate endsOn, Instant from, Instant until, String label) {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    static Period of(SchoolYear year, LocalDate today) {
        return new Period(today, year.startsOn(), year.endsOn(), startOf(year.startsOn()), startOf(year.endsOn().plusDays(1)),
                year.label());
    }

    /** The months of the school year, September to its end. */
    List<Month> months() {
        List<Month> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(startsOn); !m.isAfter(YearMonth.from(endsOn)); m = m.plusMonths(1)) {
            months.add(new Month(m.toString(), m.getMonth().getDisplayName(TextStyle.FULL, Locale.FRENCH) + " " + m.getYear()));
        }
        return months;
    }

    /** A month, as {@code 2026-10} and as people read it (« octobre 2026 »). */
    record Month(String month, String label) {
    }

    /** The index in {@link #months()} of the month of that day, or -1 outside the school year. */
    int monthIndex(LocalDate day) {
        if (day.isBefore(startsOn) || day.isAfter(endsOn)) {
            return -1;
        }
        YearMonth first = YearMonth.from(startsOn);
        YearMonth of = YearMonth.from(day);
        return (of.getYear() - first.getYear()) * 12 + of.getMonthValue() - first.getMonthValue();
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(PARIS).toInstant();
    }
}
