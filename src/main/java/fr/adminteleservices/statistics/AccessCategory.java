package fr.adminteleservices.statistics;

/**
 * The categories of « Synthèse accès téléservices » (§6.3), in the guide's order; each is the service code written
 * in {@code consultation_log}. The « Fiche de renseignements » service is not built, so it always counts zero, as
 * the guide says of its version.
 */
public enum AccessCategory {
    ABSENCES("Absences"),
    LPC("LPC"),
    NOTES("Notes"),
    FICHE_RENSEIGNEMENTS("Fiche de renseignements");

    private final String label;

    AccessCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static AccessCategory ofService(String service) {
        for (AccessCategory c : values()) {
            if (c.name().equals(service)) {
                return c;
            }
        }
        return null;
    }
}
