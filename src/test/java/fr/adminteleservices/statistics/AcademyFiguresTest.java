package fr.adminteleservices.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the académie's pages say how often their figures are computed again. */
class AcademyFiguresTest {

    @Test
    void theRefreshIntervalReadsInFrench() {
        assertThat(AcademyFigures.every(Duration.ofMinutes(10))).isEqualTo("toutes les 10 minutes");
        assertThat(AcademyFigures.every(Duration.ofMinutes(90))).isEqualTo("toutes les 90 minutes");
        assertThat(AcademyFigures.every(Duration.ofMinutes(1))).isEqualTo("toutes les minutes");
        assertThat(AcademyFigures.every(Duration.ofHours(1))).isEqualTo("toutes les heures");
        assertThat(AcademyFigures.every(Duration.ofHours(2))).isEqualTo("toutes les 2 heures");
        assertThat(AcademyFigures.every(Duration.ofSeconds(30))).isEqualTo("toutes les 30 secondes");
        assertThat(AcademyFigures.every(Duration.ofSeconds(1))).isEqualTo("toutes les secondes");
    }

    @Test
    void eachPageOfTheSynthesesHasItsKindAndTheAccessChartsNone() {
        assertThat(AcademyFigures.ofPage("codes-eleves")).isEqualTo(AcademyFigures.Kind.STUDENT_CODES);
        assertThat(AcademyFigures.ofPage("codes-responsables")).isEqualTo(AcademyFigures.Kind.GUARDIAN_CODES);
        assertThat(AcademyFigures.ofPage("parcours-responsables")).isEqualTo(AcademyFigures.Kind.GUARDIAN_FUNNEL);
        assertThat(AcademyFigures.ofPage("parcours-eleves")).isEqualTo(AcademyFigures.Kind.STUDENT_FUNNEL);
        assertThat(AcademyFigures.ofPage("acces")).isNull();
    }
}
