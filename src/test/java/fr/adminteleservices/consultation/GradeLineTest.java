package fr.adminteleservices.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** How a grade line reads on the portal: French decimals, at most two, and French dates. */
class GradeLineTest {

    @Test
    void gradesAndCoefficientsReadAsFrenchDecimalsWithAtMostTwoDecimals() {
        assertThat(line("12.5", "1").result()).isEqualTo("12,5 / 20");
        assertThat(line("10.00", "2.00").result()).isEqualTo("10 / 20");
        assertThat(line("10.00", "2.00").coefficientText()).isEqualTo("2");
        assertThat(line("0.25", "0.5").result()).isEqualTo("0,25 / 20");
        assertThat(line("0.25", "0.5").coefficientText()).isEqualTo("0,5");
        assertThat(line("12.345", "1").result()).as("half-even, as before").isEqualTo("12,34 / 20");
        assertThat(line("12.355", "1").result()).isEqualTo("12,36 / 20");
        assertThat(line("0", "1").result()).isEqualTo("0 / 20");
        assertThat(line("100", "10").result()).isEqualTo("100 / 20");
    }

    @Test
    void aMarkWithoutGradeReadsAsItsLabelAndTheDateAsAFrenchDate() {
        Consultations.GradeLine absent = new Consultations.GradeLine(LocalDate.of(2026, 12, 1), "Mathématiques", "Les fractions",
                null, "ABSENT", 20, null);
        assertThat(absent.result()).isEqualTo(SchoolRecords.Mark.ABSENT.label());
        assertThat(absent.coefficientText()).isEmpty();
        assertThat(absent.heldOnText()).isEqualTo("01/12/2026");
    }

    private static Consultations.GradeLine line(String grade, String coefficient) {
        return new Consultations.GradeLine(LocalDate.of(2026, 12, 1), "Mathématiques", "Les fractions", new BigDecimal(grade), null, 20,
                new BigDecimal(coefficient));
    }
}
