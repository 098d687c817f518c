package fr.adminteleservices.settings;

/** S2: what letters and the portal home present. */
public enum LetterType {
    TELESERVICES("Téléservice seul"),
    MIXED("Mixte ENT / Téléservices"),
    ENT_ONLY("ENT seul");

    private final String label;

    LetterType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean needsEnt() {
        return this != TELESERVICES;
    }
}
