package fr.adminteleservices.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A share as the guide prints it: two decimals at most, then " %" (« 5.56 % », « 0 % »). */
final class Percent {

    private Percent() {
    }

    /** part / whole × 100, rounded half up to two decimals; 0 when there is no whole. */
    static BigDecimal of(long part, long whole) {
        if (whole == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    static String display(BigDecimal percent) {
        return percent.stripTrailingZeros().toPlainString() + " %";
    }

    /** In a CSV file: a number a French spreadsheet reads as such (decimal comma), without the sign. */
    static String csv(BigDecimal percent) {
        return percent.setScale(2, RoundingMode.HALF_UP).toPlainString().replace('.', ',');
    }
}
