package fr.adminteleservices.statistics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * « Synthèse accès téléservices » (§6.3): the pages of the téléservices read during the school year, by month, by
 * category and by MEFSTAT. Each bar's tooltip details it: per category, and per kind of reader (guardians or
 * students). {@code uai} is the establishment's, absent for the académie.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Accesses(String uai, String schoolYear, List<ByMonth> byMonth, List<ByCategory> byCategory, List<ByMefStat> byMefStat) {

    public record ByMonth(String month, String label, long absences, long lpc, long notes, long ficheRenseignements,
                          long guardians, long students, long total) {
    }

    public record ByCategory(String category, String label, long guardians, long students, long total) {
    }

    public record ByMefStat(String mefStat, String label, long absences, long lpc, long notes, long ficheRenseignements,
                            long guardians, long students, long total) {
    }

    /** Counts of one bucket while they are added up. */
    static final class Tally {
        final long[] byCategory = new long[AccessCategory.values().length];
        long guardians;
        long students;

        void add(AccessCategory category, String holder, long accesses) {
            byCategory[category.ordinal()] += accesses;
            if ("STUDENT".equals(holder)) {
                students += accesses;
            } else {
                guardians += accesses;
            }
        }

        long of(AccessCategory c) {
            return byCategory[c.ordinal()];
        }

        long total() {
            return guardians + students;
        }
    }
}
