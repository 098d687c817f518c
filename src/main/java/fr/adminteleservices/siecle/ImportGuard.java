package fr.adminteleservices.siecle;

/**
 * When an import must wait for the head's confirmation: more present students leaving (or more
 * guardian links ending) than {@code share} of them, or than {@code minimum}, whichever is larger.
 * The values come from the BPMN (inputs of the task « Lire les exports et appliquer la différence »).
 */
record ImportGuard(double share, int minimum) {

    static final ImportGuard DEFAULT = new ImportGuard(0.10, 20);

    int threshold(int present) {
        return Math.max((int) Math.floor(share * present), minimum);
    }

    boolean trips(int present, int leaving) {
        return leaving > threshold(present);
    }
}
