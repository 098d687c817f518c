package fr.adminteleservices.settings;

/** S5: grades shown the day after their publication date, or only once their division's due date has come. */
public enum PublicationMode {
    DAILY("au fil de l'eau"),
    DUE_DATES("à échéance");

    private final String label;

    PublicationMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
