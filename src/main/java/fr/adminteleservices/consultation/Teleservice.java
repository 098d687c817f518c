package fr.adminteleservices.consultation;

/**
 * The three consultation téléservices (§1.1): their code in the catalogue and in ts_service, the last
 * segment of their page under {@code /portail/eleves/{uai}/{studentId}/}, and what a parent reads.
 */
public enum Teleservice {
    NOTES("notes", "Notes", "Consultation des notes", Publication.Kind.ASSESSMENT),
    ABSENCES("absences", "Absences", "Consultation des absences", Publication.Kind.ABSENCE),
    LPC("livret", "Livret de compétences", "Livret personnel de compétences", Publication.Kind.LPC_VALIDATION);

    private final String path;
    private final String shortLabel;
    private final String label;
    private final Publication.Kind kind;

    Teleservice(String path, String shortLabel, String label, Publication.Kind kind) {
        this.path = path;
        this.shortLabel = shortLabel;
        this.label = label;
        this.kind = kind;
    }

    /** The code of the service in the académie's catalogue and in ts_service (NOTES, ABSENCES, LPC). */
    public String code() {
        return name();
    }

    public String path() {
        return path;
    }

    public String shortLabel() {
        return shortLabel;
    }

    public String label() {
        return label;
    }

    public Publication.Kind kind() {
        return kind;
    }

    /** The service of a ts_service code, or null for the other services (téléinscription, academic services…). */
    public static Teleservice ofCode(String code) {
        for (Teleservice t : values()) {
            if (t.name().equals(code)) {
                return t;
            }
        }
        return null;
    }
}
