package fr.adminteleservices.platform;

import static org.assertj.core.api.Assertions.assertThat;

import fr.adminteleservices.notification.CaeOrderingCheck;
import fr.adminteleservices.notification.GuardianNotice;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Decisions and reasons of rules/cae-ordering.drl (D4, G8), read from the project's rules/ folder. */
class CaeOrderingRulesTest {

    static final LocalDate NOTIFIED_ON = LocalDate.of(2025, 10, 6);
    static final LocalDate MINOR = LocalDate.of(2010, 3, 14);
    static final LocalDate ADULT = LocalDate.of(2006, 5, 2);

    static final String ADULT_REASON = "L'élève est majeur : sa notification ne dépend pas de celle de ses responsables.";
    static final String NOTIFIED_REASON = "Les responsables légaux ont été notifiés.";
    static final String NO_CODE_REASON = "Aucun responsable légal n'a de code valide à notifier : l'élève peut être notifié.";

    static RuleBook rules;

    @BeforeAll
    static void build() {
        rules = new RuleBook("rules");
    }

    static GuardianNotice notNotified(String name) {
        return new GuardianNotice(name, true, false, false);
    }

    static GuardianNotice notified(String name) {
        return new GuardianNotice(name, true, false, true);
    }

    static CaeOrderingCheck decide(LocalDate birthDate, LocalDate notificationDate, GuardianNotice... guardians) {
        CaeOrderingCheck c = new CaeOrderingCheck(birthDate, notificationDate, List.of(guardians));
        rules.session("cae-ordering").execute(List.of(c));
        assertThat(c.isDecided()).isTrue();
        return c;
    }

    @Test
    void anAdultIsNotifiedWithoutWaitingForTheGuardians() {
        CaeOrderingCheck c = decide(ADULT, NOTIFIED_ON, notNotified("Mme DUPONT Anne"));

        assertThat(c.isMinor()).isFalse();
        assertThat(c.isAllowed()).isTrue();
        assertThat(c.getReason()).isEqualTo(ADULT_REASON);
    }

    @Test
    void onTheDayOfTheEighteenthBirthdayTheStudentIsAnAdult() {
        CaeOrderingCheck c = decide(LocalDate.of(2007, 10, 6), NOTIFIED_ON, notNotified("Mme DUPONT Anne"));

        assertThat(c.isMinor()).isFalse();
        assertThat(c.isAllowed()).isTrue();
        assertThat(c.getReason()).isEqualTo(ADULT_REASON);
    }

    @Test
    void theDayBeforeTheEighteenthBirthdayTheStudentIsAMinor() {
        CaeOrderingCheck c = decide(LocalDate.of(2007, 10, 7), NOTIFIED_ON, notNotified("Mme DUPONT Anne"));

        assertThat(c.isMinor()).isTrue();
        assertThat(c.isAllowed()).isFalse();
    }

    @Test
    void bornOnTheTwentyNinthOfFebruaryComesOfAgeOnTheFirstOfMarch() {
        LocalDate born = LocalDate.of(2008, 2, 29);

        assertThat(new CaeOrderingCheck(born, LocalDate.of(2026, 2, 28), List.of()).isMinor()).isTrue();
        assertThat(new CaeOrderingCheck(born, LocalDate.of(2026, 3, 1), List.of()).isMinor()).isFalse();
    }

    @Test
    void aMinorWaitsForAGuardianNotYetNotified() {
        CaeOrderingCheck c = decide(MINOR, NOTIFIED_ON, notNotified("Mme DUPONT Anne"));

        assertThat(c.isAllowed()).isFalse();
        assertThat(c.getReason()).isEqualTo(
                "Élève mineur : le code du responsable Mme DUPONT Anne n'a pas encore été notifié ; notifiez d'abord les responsables.");
    }

    @Test
    void oneGuardianNotifiedAndTheOtherNotStillBlocksAndNamesOnlyTheOther() {
        CaeOrderingCheck c = decide(MINOR, NOTIFIED_ON, notified("M. DUPONT Paul"), notNotified("Mme DUPONT Anne"));

        assertThat(c.isAllowed()).isFalse();
        assertThat(c.getReason()).isEqualTo(
                "Élève mineur : le code du responsable Mme DUPONT Anne n'a pas encore été notifié ; notifiez d'abord les responsables.");
    }

    @Test
    void severalGuardiansNotYetNotifiedAreAllNamed() {
        CaeOrderingCheck c = decide(MINOR, NOTIFIED_ON, notNotified("Mme DUPONT Anne"), notNotified("M. MARTIN Luc"));

        assertThat(c.isAllowed()).isFalse();
        assertThat(c.getReason()).isEqualTo("Élève mineur : les codes des responsables Mme DUPONT Anne, M. MARTIN Luc"
                + " n'ont pas encore été notifiés ; notifiez d'abord les responsables.");
    }

    @Test
    void aMinorIsNotifiedOnceEveryGuardianWithAValidCodeIsNotified() {
        CaeOrderingCheck c = decide(MINOR, NOTIFIED_ON, notified("Mme DUPONT Anne"), notified("M. DUPONT Paul"));

        assertThat(c.isAllowed()).isTrue();
        assertThat(c.getReason()).isEqualTo(NOTIFIED_REASON);
    }

    @Test
    void aRefusedGuardianNotNotifiedDoesNotBlock() {
        CaeOrderingCheck c = decide(MINOR, NOTIFIED_ON,
                notified("Mme DUPONT Anne"), new GuardianNotice("M. DUPONT Paul", true, true, false));

        assertThat(c.isAllowed()).isTrue();
        assertThat(c.getReason()).isEqualTo(NOTIFIED_REASON);
    }

    @Test
    void aGuardianWithoutAValidCodeDoesNotBlock() {
        CaeOrderingCheck c = decide(MINOR, NOTIFIED_ON,
                notified("Mme DUPONT Anne"), new GuardianNotice("M. DUPONT Paul", false, false, false));

        assertThat(c.isAllowed()).isTrue();
        assertThat(c.getReason()).isEqualTo(NOTIFIED_REASON);
    }

    @Test
    void aMinorWhoseGuardiansHaveNoValidCodeToNotifyIsNotified() {
        assertThat(decide(MINOR, NOTIFIED_ON)).satisfies(c -> {
            assertThat(c.isAllowed()).isTrue();
            assertThat(c.getReason()).isEqualTo(NO_CODE_REASON);
        });
        assertThat(decide(MINOR, NOTIFIED_ON, new GuardianNotice("M. DUPONT Paul", false, false, false),
                new GuardianNotice("Mme DUPONT Anne", true, true, false))).satisfies(c -> {
            assertThat(c.isAllowed()).isTrue();
            assertThat(c.getReason()).isEqualTo(NO_CODE_REASON);
        });
    }
}
