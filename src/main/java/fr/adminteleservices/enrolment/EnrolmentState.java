package fr.adminteleservices.enrolment;

/** The state of one student's online enrolment, as the collège of origin follows it (I3). */
public enum EnrolmentState {
    NOT_STARTED("Non commencée"),
    IN_PROGRESS("En cours"),
    COMPLETED("Terminée");

    private final String label;

    EnrolmentState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
