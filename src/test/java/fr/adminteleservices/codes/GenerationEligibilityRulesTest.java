package fr.adminteleservices.codes;

import static org.assertj.core.api.Assertions.assertThat;

import fr.adminteleservices.platform.RuleBook;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decisions and reasons of rules/generation-eligibility.drl (D5), read from the project's rules/ folder. */
class GenerationEligibilityRulesTest {

    static RuleBook rules;

    @BeforeAll
    static void build() {
        rules = new RuleBook("rules");
    }

    @ParameterizedTest(name = "légal {0}, présent {1}, code valide {2}, refus {3} → {4}")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
            "1 | true  | false | false | true  | Peut recevoir un code d'activation.",
            "2 | true  | false | false | true  | Peut recevoir un code d'activation.",
            "- | true  | false | false | false | Seuls les responsables légaux 1 et 2 peuvent recevoir un code d'activation.",
            "0 | true  | false | false | false | Seuls les responsables légaux 1 et 2 peuvent recevoir un code d'activation.",
            "1 | false | false | false | false | L'élève a quitté l'établissement.",
            "1 | true  | false | true  | false | Le responsable a refusé l'accès aux téléservices (coupon réponse « pour moi-même »).",
            "2 | true  | true  | false | false | Un code valide existe déjà pour ce couple : pour le remplacer, passez par « Gérer le code ».",
            // a refusal is the reason a head needs first, even when an old valid code remains
            "1 | true  | true  | true  | false | Le responsable a refusé l'accès aux téléservices (coupon réponse « pour moi-même »).",
            // another person is never eligible, whatever else is true
            "- | false | true  | true  | false | Seuls les responsables légaux 1 et 2 peuvent recevoir un code d'activation."})
    void decidesWithAReason(Integer legalRank, boolean present, boolean validCode, boolean refused, boolean eligible, String reason) {
        GenerationCandidate c = new GenerationCandidate(42L, legalRank, present, validCode, refused);

        rules.session("generation-eligibility").execute(List.of(c));

        assertThat(c.isDecided()).isTrue();
        assertThat(c.isEligible()).isEqualTo(eligible);
        assertThat(c.getReason()).isEqualTo(reason);
    }
}
