package fr.adminteleservices.establishment;

public enum EstablishmentKind {
    COLLEGE("Collège"),
    LYCEE("Lycée");

    private final String label;

    EstablishmentKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
