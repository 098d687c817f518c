package fr.adminteleservices.notification;

import static org.assertj.core.api.Assertions.assertThat;

import fr.adminteleservices.notification.letters.Letter.Variant;
import fr.adminteleservices.platform.RuleBook;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decisions and reasons of rules/letter-variant.drl (D3), read from the project's rules/ folder. */
class LetterVariantRulesTest {

    static final LocalDate SCHOOL_YEAR_START = LocalDate.of(2025, 9, 1);
    static final String NONE = "Pas de continuité d'accès pour ce code : courrier normal.";
    static final String PREVIOUS_YEAR = "La continuité d'accès date d'une année scolaire précédente : courrier normal.";
    static final String ALREADY_SENT = "Le courrier de continuité d'accès a déjà été envoyé : une nouvelle notification utilise le courrier normal.";
    static final String CONTINUITY = "Continuité d'accès cette année scolaire : courrier de continuité d'accès, sans code d'activation.";

    static RuleBook rules;

    @BeforeAll
    static void build() {
        rules = new RuleBook("rules");
    }

    @ParameterizedTest(name = "continuité le {0}, courrier envoyé {1}, à venir {2} → {3}")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
            "-          | false | false | NORMAL     | NONE",
            // a code without continuity never had a continuity letter: the first reason is the one to read
            "-          | true  | false | NORMAL     | NONE",
            "2025-10-15 | false | false | CONTINUITY | CONTINUITY",
            // the first day of the school year belongs to it
            "2025-09-01 | false | false | CONTINUITY | CONTINUITY",
            "2025-08-31 | false | false | NORMAL     | PREVIOUS_YEAR",
            "2024-11-02 | true  | false | NORMAL     | PREVIOUS_YEAR",
            "2025-10-15 | true  | false | NORMAL     | ALREADY_SENT",
            "2025-09-01 | true  | false | NORMAL     | ALREADY_SENT",
            // continuity to come: the letter of continuity, once
            "-          | false | true  | CONTINUITY | CONTINUITY",
            "2024-11-02 | false | true  | CONTINUITY | CONTINUITY",
            "-          | true  | true  | NORMAL     | ALREADY_SENT"})
    void decidesWithAReason(LocalDate continuityOn, boolean letterSent, boolean pending, Variant variant, String reasonKey) {
        LetterVariantChoice c = new LetterVariantChoice(continuityOn, SCHOOL_YEAR_START, letterSent, pending);

        rules.session("letter-variant").execute(List.of(c));

        assertThat(c.isDecided()).isTrue();
        assertThat(c.getVariant()).isEqualTo(variant);
        assertThat(c.getReason()).isEqualTo(reason(reasonKey));
    }

    private static String reason(String key) {
        return switch (key) {
            case "NONE" -> NONE;
            case "PREVIOUS_YEAR" -> PREVIOUS_YEAR;
            case "ALREADY_SENT" -> ALREADY_SENT;
            case "CONTINUITY" -> CONTINUITY;
            default -> throw new IllegalArgumentException(key);
        };
    }
}
