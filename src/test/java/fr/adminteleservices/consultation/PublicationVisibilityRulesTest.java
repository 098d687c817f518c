package fr.adminteleservices.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.adminteleservices.platform.RuleBook;
import fr.adminteleservices.settings.PublicationMode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decisions and reasons of rules/publication-visibility.drl (D1), read from the project's rules/ folder.
 * Convention: on day {@code today} parents see the data replicated last night, i.e. as of the day
 * before; an item whose effective date is D is visible from D + 1 (LPC: validation date + delay).
 */
class PublicationVisibilityRulesTest {

    static RuleBook rules;

    @BeforeAll
    static void build() {
        rules = new RuleBook("rules");
    }

    private static Publication decide(Publication p) {
        rules.session("publication-visibility").execute(List.of(p));
        assertThat(p.isDecided()).isTrue();
        return p;
    }

    private static LocalDate d(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }

    // ------------------------------------------------------------------ services closed

    @Test
    void nothingIsVisibleWhileItsServiceIsClosed() {
        LocalDate today = d("2026-12-20");
        Publication grade = decide(Publication.assessment(today, false, d("2026-12-01"), PublicationMode.DAILY, null));
        Publication lpc = decide(Publication.lpcValidation(today, false, d("2026-11-01")));
        Publication absence = decide(Publication.absence(today, false, d("2026-12-01")));

        assertThat(grade.isVisible()).isFalse();
        assertThat(grade.getReason()).isEqualTo("Le téléservice Notes n'est pas ouvert dans l'établissement.");
        assertThat(lpc.isVisible()).isFalse();
        assertThat(lpc.getReason()).isEqualTo("Le téléservice Livret Personnel de Compétences n'est pas ouvert dans l'établissement.");
        assertThat(absence.isVisible()).isFalse();
        assertThat(absence.getReason()).isEqualTo("Le téléservice Absences n'est pas ouvert dans l'établissement.");
    }

    @Test
    void aClosedNotesServiceWinsOverDueDates() {
        Publication grade = decide(Publication.assessment(d("2026-12-20"), false, d("2026-12-13"), PublicationMode.DUE_DATES,
                d("2026-12-12")));
        assertThat(grade.isVisible()).isFalse();
        assertThat(grade.getReason()).isEqualTo("Le téléservice Notes n'est pas ouvert dans l'établissement.");
    }

    // ------------------------------------------------------------------ au fil de l'eau

    @ParameterizedTest(name = "au fil de l''eau, publiée le {1}, aujourd''hui {0} → {2}")
    @CsvSource(delimiter = '|', value = {
            // the publication day itself: not replicated yet
            "2026-12-13 | 2026-12-13 | false | Pas encore visible : la note est publiée le 13/12/2026 (au fil de l'eau) et sera visible à partir du 14/12/2026, après la réplication de la nuit.",
            // a publication date in the future
            "2026-12-10 | 2026-12-13 | false | Pas encore visible : la note est publiée le 13/12/2026 (au fil de l'eau) et sera visible à partir du 14/12/2026, après la réplication de la nuit.",
            // the day after
            "2026-12-14 | 2026-12-13 | true  | Visible depuis le 14/12/2026 (publication du 13/12/2026, au fil de l'eau).",
            "2027-01-05 | 2026-12-13 | true  | Visible depuis le 14/12/2026 (publication du 13/12/2026, au fil de l'eau)."})
    void dailyShowsTheDayAfterThePublicationDate(LocalDate today, LocalDate publishedOn, boolean visible, String reason) {
        Publication p = decide(Publication.assessment(today, true, publishedOn, PublicationMode.DAILY, null));
        assertThat(p.isVisible()).isEqualTo(visible);
        assertThat(p.getReason()).isEqualTo(reason);
    }

    @Test
    void dailyIgnoresAnyDueDate() {
        Publication p = decide(Publication.assessment(d("2026-12-14"), true, d("2026-12-13"), PublicationMode.DAILY,
                d("2026-12-12")));
        assertThat(p.isVisible()).isTrue();
        assertThat(p.getReason()).isEqualTo("Visible depuis le 14/12/2026 (publication du 13/12/2026, au fil de l'eau).");
    }

    // ------------------------------------------------------------------ à échéance

    @Test
    void theGuidesExampleAPublicationDateAfterTheDueDateIsNotShown() {
        // guide §3.2.5: publication date 13 December, due date 12 December → not shown, even long after
        for (String today : List.of("2026-12-13", "2026-12-14", "2027-06-30")) {
            Publication p = decide(Publication.assessment(d(today), true, d("2026-12-13"), PublicationMode.DUE_DATES,
                    d("2026-12-12")));
            assertThat(p.isVisible()).isFalse();
            assertThat(p.getReason()).isEqualTo(
                    "Non affichée : la date de publication (13/12/2026) est postérieure à la date d'échéance de la division (12/12/2026).");
        }
    }

    @ParameterizedTest(name = "à échéance du {2}, publiée le {1}, aujourd''hui {0} → {3}")
    @CsvSource(delimiter = '|', value = {
            // publication date equal to the due date: not on the due date itself, visible the day after
            "2026-12-12 | 2026-12-12 | 2026-12-12 | false | Pas encore visible : publication à échéance, la note sera visible à partir du 13/12/2026, lendemain de la date d'échéance de la division (12/12/2026).",
            "2026-12-13 | 2026-12-12 | 2026-12-12 | true  | Visible depuis le 13/12/2026 (publication du 12/12/2026, à échéance du 12/12/2026).",
            // an earlier publication date waits for the due date too
            "2026-12-05 | 2026-12-01 | 2026-12-12 | false | Pas encore visible : publication à échéance, la note sera visible à partir du 13/12/2026, lendemain de la date d'échéance de la division (12/12/2026).",
            "2027-01-10 | 2026-12-01 | 2026-12-12 | true  | Visible depuis le 13/12/2026 (publication du 01/12/2026, à échéance du 12/12/2026).",
            // a due date in the future
            "2026-12-20 | 2026-12-15 | 2027-03-31 | false | Pas encore visible : publication à échéance, la note sera visible à partir du 01/04/2027, lendemain de la date d'échéance de la division (31/03/2027).",
            // a publication date after the due date, checked before the due date has come
            "2026-12-01 | 2026-12-13 | 2026-12-12 | false | Non affichée : la date de publication (13/12/2026) est postérieure à la date d'échéance de la division (12/12/2026)."})
    void dueDatesShowGradesOnceTheDueDateOfTheDivisionHasCome(LocalDate today, LocalDate publishedOn, LocalDate dueDate,
            boolean visible, String reason) {
        Publication p = decide(Publication.assessment(today, true, publishedOn, PublicationMode.DUE_DATES, dueDate));
        assertThat(p.isVisible()).isEqualTo(visible);
        assertThat(p.getReason()).isEqualTo(reason);
    }

    @Test
    void aDivisionWithoutDueDateShowsNoGrade() {
        Publication p = decide(Publication.assessment(d("2026-12-20"), true, d("2026-12-01"), PublicationMode.DUE_DATES, null));
        assertThat(p.isVisible()).isFalse();
        assertThat(p.getReason()).isEqualTo(
                "Non affichée : aucune date d'échéance n'est définie pour la division de l'élève (publication à échéance).");
    }

    // ------------------------------------------------------------------ LPC

    @ParameterizedTest(name = "LPC validé le {1}, délai {2} j, aujourd''hui {0} → {3}")
    @CsvSource(delimiter = '|', value = {
            // default delay 8: day 7 not yet, day 8 visible
            "2026-12-01 | 2026-12-01 | 8   | false | Pas encore visible : validation du 01/12/2026, visible à partir du 09/12/2026 (délai de publication de 8 jours).",
            "2026-12-08 | 2026-12-01 | 8   | false | Pas encore visible : validation du 01/12/2026, visible à partir du 09/12/2026 (délai de publication de 8 jours).",
            "2026-12-09 | 2026-12-01 | 8   | true  | Visible depuis le 09/12/2026 (validation du 01/12/2026, délai de publication de 8 jours).",
            // minimum delay 2
            "2026-12-02 | 2026-12-01 | 2   | false | Pas encore visible : validation du 01/12/2026, visible à partir du 03/12/2026 (délai de publication de 2 jours).",
            "2026-12-03 | 2026-12-01 | 2   | true  | Visible depuis le 03/12/2026 (validation du 01/12/2026, délai de publication de 2 jours).",
            // maximum delay 365
            "2027-11-30 | 2026-12-01 | 365 | false | Pas encore visible : validation du 01/12/2026, visible à partir du 01/12/2027 (délai de publication de 365 jours).",
            "2027-12-01 | 2026-12-01 | 365 | true  | Visible depuis le 01/12/2027 (validation du 01/12/2026, délai de publication de 365 jours)."})
    void lpcValidationsShowAfterTheDelay(LocalDate today, LocalDate validatedOn, int delay, boolean visible, String reason) {
        Publication p = decide(Publication.lpcValidation(today, true, validatedOn, delay));
        assertThat(p.isVisible()).isEqualTo(visible);
        assertThat(p.getReason()).isEqualTo(reason);
    }

    @Test
    void theDefaultLpcDelayIsEightDays() {
        Publication p = decide(Publication.lpcValidation(d("2026-12-09"), true, d("2026-12-01")));
        assertThat(p.getLpcDelayDays()).isEqualTo(8);
        assertThat(p.isVisible()).isTrue();
    }

    @Test
    void anLpcDelayOutOfRangeIsRefused() {
        assertThatThrownBy(() -> Publication.lpcValidation(d("2026-12-09"), true, d("2026-12-01"), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Publication.lpcValidation(d("2026-12-09"), true, d("2026-12-01"), 366))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ absences

    @ParameterizedTest(name = "absence du {1}, aujourd''hui {0} → {2}")
    @CsvSource(delimiter = '|', value = {
            "2026-12-14 | 2026-12-14 | false | Pas encore visible : l'absence du 14/12/2026 sera visible à partir du 15/12/2026, après la réplication de la nuit.",
            "2026-12-15 | 2026-12-14 | true  | Visible depuis le 15/12/2026 (absence du 14/12/2026).",
            "2026-12-20 | 2026-12-14 | true  | Visible depuis le 15/12/2026 (absence du 14/12/2026)."})
    void absencesShowTheDayAfter(LocalDate today, LocalDate absentOn, boolean visible, String reason) {
        Publication p = decide(Publication.absence(today, true, absentOn));
        assertThat(p.isVisible()).isEqualTo(visible);
        assertThat(p.getReason()).isEqualTo(reason);
    }

    @Test
    void manyItemsAreDecidedInOneSession() {
        LocalDate today = d("2026-12-14");
        Publication grade = Publication.assessment(today, true, d("2026-12-13"), PublicationMode.DAILY, null);
        Publication lpc = Publication.lpcValidation(today, true, d("2026-12-10"));
        Publication absence = Publication.absence(today, true, d("2026-12-13"));

        rules.session("publication-visibility").execute(List.of(grade, lpc, absence));

        assertThat(List.of(grade.isVisible(), lpc.isVisible(), absence.isVisible())).containsExactly(true, false, true);
    }
}
