package fr.adminteleservices.establishment;

/** SIECLE modules an establishment may use; a téléservice needs its module (O2). */
public enum SiecleModule {
    BASE_ELEVES("SIECLE Base élèves"),
    NOTES("SIECLE Notes"),
    ABSENCES("SIECLE Absences"),
    LPC("SIECLE LPC"),
    INSCRIPTION("SIECLE Inscription");

    private final String label;

    SiecleModule(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
