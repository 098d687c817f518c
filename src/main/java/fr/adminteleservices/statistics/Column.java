package fr.adminteleservices.statistics;

import java.math.BigDecimal;
import java.util.function.Function;

/** A column of a synthesis: its French header and its value, shared by the screen and the CSV file. */
public record Column<L>(String header, Function<L, Object> value, boolean percent) {

    static <L> Column<L> count(String header, Function<L, Integer> value) {
        return new Column<>(header, value::apply, false);
    }

    static <L> Column<L> percent(String header, Function<L, BigDecimal> value) {
        return new Column<>(header, value::apply, true);
    }

    /** As the screen shows it. */
    public String display(L line) {
        Object v = value.apply(line);
        return percent ? Percent.display((BigDecimal) v) : String.valueOf(v);
    }

    /** As a CSV cell. */
    String csv(L line) {
        Object v = value.apply(line);
        return percent ? Percent.csv((BigDecimal) v) : String.valueOf(v);
    }
}
