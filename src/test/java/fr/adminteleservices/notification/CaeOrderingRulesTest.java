package fr.adminteleservices.notification;

import static org.assertj.core.api.Assertions.assertThat;

import fr.adminteleservices.platform.RuleBook;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decisions and reasons of rules/cae-ordering.drl (D4, G8), read from the project's rules/ folder. */
class CaeOrderingRulesTest {

    static final LocalDate NOTIFIED_ON = LocalDate.of(2025, 10, 6);
    static final LocalDate MINOR = LocalDate.of(2010, 3, 14);
    static final LocalDate ADULT = LocalDate.of(2006, 5, 2);

    static final String ADULT_REASON = "L'élève est majeur : sa notification ne dépend pas de celle de ses responsables.";
    static final String NOTIFIED_REASON = "Les responsables légaux ont été notifiés.";
    static final String NO_CODE_REASON = "Élève mineur : aucun responsable légal n'a encore de code ; créez et notifiez d'abord "
            + "les codes de ses responsables (« Créer les codes en masse »).";
    static final String NO_GUARDIAN_REASON = "Élève mineur : aucun responsable légal n'a encore de code, car aucun responsable "
            + "légal 1 ou 2 n'est connu pour lui ; complétez ses responsables dans SIECLE puis importez les responsables.";
    static final String ALL_REFUSED_REASON = "Les responsables légaux ont refusé les téléservices pour eux-mêmes (coupon réponse) : "
            + "ils sont informés, l'élève peut être notifié.";

    static final String ACCESS_REMOVED_REASON = "L'accès aux téléservices a été enlevé pour cet élève (coupon réponse "
            + "« pour l'élève ») : pas de courrier.";

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
    void aMinorIsHeldBackWhileNoLegalGuardianHasACodeYet() {
        CaeOrderingCheck c = decide(MINOR, NOTIFIED_ON, new GuardianNotice("M. DUPONT Paul", false, false, false),
                new GuardianNotice("Mme DUPONT Anne", false, false, false));

        assertThat(c.isAllowed()).isFalse();
        assertThat(c.getReason()).isEqualTo(NO_CODE_REASON).contains("aucun responsable légal n'a encore de code");
    }

    @Test
    void aMinorWithoutAnyKnownLegalGuardianIsHeldBackAndToldWhy() {
        CaeOrderingCheck c = decide(MINOR, NOTIFIED_ON);

        assertThat(c.isAllowed()).isFalse();
        assertThat(c.getReason()).isEqualTo(NO_GUARDIAN_REASON);
    }

    @Test
    void anAdultWhoseGuardiansHaveNoCodeIsNotifiedAllTheSame() {
        CaeOrderingCheck c = decide(ADULT, NOTIFIED_ON, new GuardianNotice("M. DUPONT Paul", false, false, false));

        assertThat(c.isAllowed()).isTrue();
        assertThat(c.getReason()).isEqualTo(ADULT_REASON);
    }

    @Test
    void guardiansWhoRefusedForThemselvesWereInformedAndDoNotHoldTheMinorBack() {
        CaeOrderingCheck c = decide(MINOR, NOTIFIED_ON, new GuardianNotice("M. DUPONT Paul", false, false, false),
                new GuardianNotice("Mme DUPONT Anne", false, true, false));

        assertThat(c.isAllowed()).isTrue();
        assertThat(c.getReason()).isEqualTo(ALL_REFUSED_REASON);
    }

    @ParameterizedTest(name = "born {0}, guardians notified {1}: access removed holds the student back")
    @CsvSource({"2010-03-14, true", "2010-03-14, false", "2006-05-02, true"})
    void aStudentWhoseAccessWasRemovedGetsNoLetterWhateverTheAgeAndTheGuardians(LocalDate birthDate, boolean guardiansNotified) {
        GuardianNotice guardian = guardiansNotified ? notified("Mme DUPONT Anne") : notNotified("Mme DUPONT Anne");
        CaeOrderingCheck c = new CaeOrderingCheck(birthDate, NOTIFIED_ON, List.of(guardian), true);

        rules.session("cae-ordering").execute(List.of(c));

        assertThat(c.isDecided()).isTrue();
        assertThat(c.isAllowed()).isFalse();
        assertThat(c.getReason()).isEqualTo(ACCESS_REMOVED_REASON);
    }
}
