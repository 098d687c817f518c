package fr.adminteleservices.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the Nomenclature's programmes become the choices of the 2nde GT, and the choice rules (I2). */
class LyceeProfileTest {

    @Test
    void theCategoryComesFromTheModalityAndSectionsAreRecognisedByTheirCodeOrLabel() {
        assertThat(OptionCategory.of("O", "SES", "SCIENCES ECONOMIQUES ET SOCIALES")).isEqualTo(OptionCategory.EXPLORATION);
        assertThat(OptionCategory.of("F", "LATIN", "LATIN")).isEqualTo(OptionCategory.OPTIONAL);
        assertThat(OptionCategory.of("F", "SEC-AGL", "ANGLAIS")).isEqualTo(OptionCategory.SECTION);
        assertThat(OptionCategory.of("O", "EURO", "SECTION EUROPEENNE ESPAGNOL")).isEqualTo(OptionCategory.SECTION);
        assertThat(OptionCategory.of("S", "FRANC", "FRANCAIS")).isNull();
        assertThat(OptionCategory.of("L", "X", "AUTRE")).isNull();
        assertThat(OptionCategory.of(null, null, null)).isNull();
    }

    LyceeProfile.Mef seconde() {
        List<EnrolmentMapper.ProfileRow> rows = List.of(
                row("020100", "S", null, "FRANC", "Français"),
                row("076700", "O", 1, "SES", "Sciences économiques et sociales"),
                row("076800", "O", 1, "PFEG", "Principes fondamentaux de l'économie et de la gestion"),
                row("061100", "O", 2, "MPS", "Méthodes et pratiques scientifiques"),
                row("071200", "O", null, "SI", "Sciences de l'ingénieur"),
                row("030251", "F", null, "SEC-AGL", "Section européenne anglais"),
                row("020700", "F", null, "LATIN", "Latin"));
        return LyceeProfile.of("0990002P", rows).mef("20010017110").orElseThrow();
    }

    static EnrolmentMapper.ProfileRow row(String code, String modality, Integer rank, String management, String label) {
        return new EnrolmentMapper.ProfileRow("20010017110", "2nde générale et technologique", code, modality, rank, management,
                label.toUpperCase(), label);
    }

    @Test
    void explorationsAreGroupedByRankAnOptionWithoutRankCountsAsTheFirst() {
        LyceeProfile.Mef mef = seconde();
        assertThat(mef.groups()).extracting(LyceeProfile.Group::key)
                .containsExactly("EXPLORATION-1", "EXPLORATION-2", "SECTION", "OPTIONAL");
        assertThat(mef.groups().get(0).options()).extracting(LyceeProfile.Option::code).containsExactly("076700", "076800", "071200");
        assertThat(mef.options(OptionCategory.OPTIONAL)).extracting(LyceeProfile.Option::label).containsExactly("Latin");
        assertThat(mef.option("020100")).isEmpty();
    }

    @Test
    void oneExplorationPerRankIsRequiredSectionAndOptionalAreAtMostOne() {
        LyceeProfile.Mef mef = seconde();
        assertThat(LyceeProfile.check(mef, Map.of("EXPLORATION-1", "076700", "EXPLORATION-2", "061100"))).isEmpty();
        assertThat(LyceeProfile.check(mef, Map.of("EXPLORATION-1", "076700", "EXPLORATION-2", "061100", "SECTION", "030251",
                "OPTIONAL", "020700"))).isEmpty();

        Map<String, String> errors = LyceeProfile.check(mef, Map.of("EXPLORATION-2", "061100"));
        assertThat(errors).containsExactly(Map.entry("EXPLORATION-1", "Choisissez le premier enseignement d'exploration."));

        Map<String, String> wrong = new LinkedHashMap<>();
        wrong.put("EXPLORATION-1", "061100");            // a rank-2 option in the rank-1 choice
        wrong.put("EXPLORATION-2", "061100");
        wrong.put("OPTIONAL", "020100");                 // tronc commun is not a choice
        wrong.put("AUTRE", "020700");
        assertThat(LyceeProfile.check(mef, wrong)).containsOnlyKeys("EXPLORATION-1", "OPTIONAL", "AUTRE")
                .containsEntry("OPTIONAL", "Ce choix n'est pas proposé par le lycée pour « Enseignement facultatif ».");
    }

    @Test
    void theChoicesTravelInTheProcessAsOneString() {
        Map<String, String> chosen = new LinkedHashMap<>();
        chosen.put("EXPLORATION-1", "076700");
        chosen.put("SECTION", "030251");
        assertThat(OnlineEnrolment.encode(chosen)).isEqualTo("EXPLORATION-1=076700,SECTION=030251");
        assertThat(OnlineEnrolment.decode("EXPLORATION-1=076700,SECTION=030251")).isEqualTo(chosen);
        assertThat(OnlineEnrolment.decode(null)).isEmpty();
    }
}
