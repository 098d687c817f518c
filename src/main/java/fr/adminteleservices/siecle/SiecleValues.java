package fr.adminteleservices.siecle;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;

/** Reading the values of SIECLE records: dates as SIECLE writes them, numbers, and the lengths the tables hold. */
final class SiecleValues {

    static final DateTimeFormatter SIECLE_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);

    private SiecleValues() {
    }

    static Integer parseIntOrNull(String value) {
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static LocalDate parseDate(SiecleRecord r, String element, String label, boolean required, List<String> problems) {
        String value = r.get(element);
        if (value == null) {
            if (required) {
                problems.add(label + " absente (" + element + ")");
            }
            return null;
        }
        try {
            return LocalDate.parse(value, SIECLE_DATE);
        } catch (DateTimeParseException e) {
            problems.add(label + " invalide : « " + value + " » (" + element + ", format attendu jj/mm/aaaa)");
            return null;
        }
    }

    static LocalDate parseDateOrNull(String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value, SIECLE_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @SafeVarargs
    static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    static String intern(String s) {
        return s == null ? null : s.intern();
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
