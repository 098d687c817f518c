package fr.adminteleservices.siecle;

import static org.assertj.core.api.Assertions.assertThat;

import fr.adminteleservices.platform.RuleBook;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decisions and reasons of rules/guardian-legal-rank.drl, read from the project's rules/ folder. */
class GuardianLegalRankRulesTest {

    static RuleBook rules;

    @BeforeAll
    static void build() {
        rules = new RuleBook("rules");
    }

    static LegalRankDecision decide(String respLegal, String niveau, int order) {
        LegalRankDecision d = new LegalRankDecision("1", "10", respLegal, niveau, order);
        rules.session("guardian-legal-rank").execute(List.of(d));
        return d;
    }

    @ParameterizedTest(name = "RESP_LEGAL={0}, NIVEAU={1}, rang parmi les mêmes={2} → légal {3}")
    @CsvSource(nullValues = "-", value = {
            "1, -, 1, 1, RESP_LEGAL 1",
            "2, -, 1, 2, RESP_LEGAL 2",
            "-, 1, 1, 1, premier NIVEAU_RESPONSABILITE 1",
            "-, 1, 2, 2, second NIVEAU_RESPONSABILITE 1",
            // RESP_LEGAL wins when an export carries both
            "2, 1, 1, 2, RESP_LEGAL 2"})
    void legalGuardians(String respLegal, String niveau, int order, int rank, String because) {
        LegalRankDecision d = decide(respLegal, niveau, order);
        assertThat(d.isRejected()).isFalse();
        assertThat(d.getLegalRank()).isEqualTo(rank);
        assertThat(d.getReason()).contains("Responsable légal " + rank).contains(because);
    }

    @ParameterizedTest(name = "RESP_LEGAL={0}, NIVEAU={1} → autre personne")
    @CsvSource(nullValues = "-", value = {"0, -, RESP_LEGAL 0", "-, 2, NIVEAU_RESPONSABILITE 2", "-, 3, NIVEAU_RESPONSABILITE 3"})
    void otherPersonsGetNoCode(String respLegal, String niveau, String because) {
        LegalRankDecision d = decide(respLegal, niveau, 1);
        assertThat(d.isRejected()).isFalse();
        assertThat(d.getLegalRank()).isNull();
        assertThat(d.getReason()).contains(because).contains("pas de code d'activation");
    }

    @Test
    void aSecondRespLegal1IsRejected() {
        LegalRankDecision d = decide("1", null, 2);
        assertThat(d.isRejected()).isTrue();
        assertThat(d.getReason()).isEqualTo("L'élève a déjà un responsable légal 1 (RESP_LEGAL 1 en double).");
    }

    @Test
    void aThirdLevelOnePersonIsRejected() {
        LegalRankDecision d = decide(null, "1", 3);
        assertThat(d.isRejected()).isTrue();
        assertThat(d.getReason()).contains("Plus de deux responsables légaux");
    }

    @ParameterizedTest(name = "RESP_LEGAL={0}, NIVEAU={1} → rejeté")
    @CsvSource(nullValues = "-", value = {"-, -", "7, -", "-, 9", "X, 1"})
    void unknownValuesAreRejectedWithAReason(String respLegal, String niveau) {
        LegalRankDecision d = decide(respLegal, niveau, 1);
        assertThat(d.isRejected()).isTrue();
        assertThat(d.getLegalRank()).isNull();
        assertThat(d.getReason()).contains("ni NIVEAU_RESPONSABILITE");
    }

    @Test
    void manyLinksAreDecidedInOneCall() {
        List<LegalRankDecision> facts = java.util.stream.IntStream.range(0, 5000)
                .mapToObj(i -> new LegalRankDecision(String.valueOf(i), "p" + i, i % 2 == 0 ? "1" : "2", null, 1)).toList();
        rules.session("guardian-legal-rank").execute(facts);
        assertThat(facts).allMatch(LegalRankDecision::isDecided).noneMatch(LegalRankDecision::isRejected);
    }
}
