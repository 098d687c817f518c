package fr.adminteleservices.statistics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A synthesis as the guide lays it out: first the line of the whole ({@code establishment}, or {@code academy} for
 * the académie administrator's view), then the lines by structure (MEF and division; for the académie, by
 * establishment), then their « Somme ». The school year is the one « année courante » refers to. An establishment's
 * figures are computed as they are read; the académie's were computed at {@code computedAt} ({@link AcademyFigures}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Synthesis<L>(L establishment, L academy, String schoolYear, List<L> rows, L sum, Instant computedAt) {

    Synthesis(L establishment, L academy, String schoolYear, List<L> rows, L sum) {
        this(establishment, academy, schoolYear, rows, sum, null);
    }

    /** The same figures, said to have been computed at {@code when}. */
    Synthesis<L> computedAt(Instant when) {
        return new Synthesis<>(establishment, academy, schoolYear, rows, sum, when);
    }

    /** The line of the whole, whichever scope it is. */
    public L total() {
        return establishment != null ? establishment : academy;
    }
}
