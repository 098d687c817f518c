package fr.adminteleservices.enrolment;

import java.util.Locale;

/**
 * The three kinds of choice the guide names (§7.1), read from the Nomenclature: a subject of a MEF of
 * seconde GT ({@code PROGRAMMES/PROGRAMME}) is
 * <ul>
 * <li>« Langue ou sport de section » when its CODE_GESTION starts with {@code SEC} or its label contains
 * {@code SECTION} (section européenne, de langue orientale, sportive…), whatever its modality;</li>
 * <li>« Enseignements d'exploration » when its CODE_MODALITE_ELECT is {@code O} (option obligatoire; the
 * rank of {@code OPTIONS_OBLIGATOIRES/OPTION_OBLIGATOIRE} says which of the exploration choices it fills);</li>
 * <li>« Enseignement facultatif » when its CODE_MODALITE_ELECT is {@code F} (option facultative);</li>
 * <li>not a choice otherwise ({@code S}: tronc commun, and any other modality).</li>
 * </ul>
 */
public enum OptionCategory {
    EXPLORATION("Enseignements d'exploration"),
    SECTION("Langue ou sport de section"),
    OPTIONAL("Enseignement facultatif");

    private final String label;

    OptionCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The category of a subject of a MEF, or null when the parents do not choose it. */
    public static OptionCategory of(String modality, String managementCode, String label) {
        String m = modality == null ? "" : modality.strip().toUpperCase(Locale.ROOT);
        if (!m.equals("O") && !m.equals("F")) {
            return null;
        }
        String code = managementCode == null ? "" : managementCode.strip().toUpperCase(Locale.ROOT);
        String text = label == null ? "" : label.toUpperCase(Locale.ROOT);
        if (code.startsWith("SEC") || text.contains("SECTION")) {
            return SECTION;
        }
        return m.equals("O") ? EXPLORATION : OPTIONAL;
    }
}
