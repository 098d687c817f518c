package fr.adminteleservices.platform;

import java.text.Collator;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;

/**
 * The order of French lists: « Bédier » before « Boucher », « Émile » among the E. The databases disagree (H2
 * compares code points, so « é » comes after « z »; MariaDB follows its column collation), so the lists people
 * read are put in order here, the same on both.
 */
public final class FrenchOrder {

    /** Accents count only between words otherwise equal (« Cote » < « Côte »); case last. */
    private static final Collator COLLATOR = collator();

    /** Names and division codes, nulls last. */
    public static final Comparator<String> TEXT = Comparator.nullsLast((a, b) -> COLLATOR.compare(a, b));

    private FrenchOrder() {
    }

    /** Division, then last name, then first name: how the school's lists read. */
    public static <T> Comparator<T> byDivisionThenName(Function<T, String> division, Function<T, String> lastName,
                                                       Function<T, String> firstName) {
        return Comparator.comparing(division, TEXT).thenComparing(byName(lastName, firstName));
    }

    /** Last name, then first name. */
    public static <T> Comparator<T> byName(Function<T, String> lastName, Function<T, String> firstName) {
        return Comparator.comparing(lastName, TEXT).thenComparing(firstName, TEXT);
    }

    private static Collator collator() {
        Collator c = Collator.getInstance(Locale.FRENCH);
        c.setStrength(Collator.TERTIARY);
        return c;
    }
}
