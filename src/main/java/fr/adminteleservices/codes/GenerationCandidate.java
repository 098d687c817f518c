package fr.adminteleservices.codes;

/**
 * Fact and decision of {@code rules/generation-eligibility.drl} (D5): may this couple élève /
 * responsable get a CAR in a mass generation, and if not, why? Rules decide once ({@code decided}).
 */
public class GenerationCandidate {

    private final long linkId;
    private final Integer legalRank;
    private final boolean studentPresent;
    private final boolean hasValidCode;
    private final boolean refused;

    private boolean decided;
    private boolean eligible;
    private String reason;

    public GenerationCandidate(long linkId, Integer legalRank, boolean studentPresent, boolean hasValidCode, boolean refused) {
        this.linkId = linkId;
        this.legalRank = legalRank;
        this.studentPresent = studentPresent;
        this.hasValidCode = hasValidCode;
        this.refused = refused;
    }

    public void eligible(String why) {
        decide(true, why);
    }

    public void ineligible(String why) {
        decide(false, why);
    }

    private void decide(boolean eligible, String why) {
        this.decided = true;
        this.eligible = eligible;
        this.reason = why;
    }

    public long getLinkId() {
        return linkId;
    }

    public Integer getLegalRank() {
        return legalRank;
    }

    public boolean isStudentPresent() {
        return studentPresent;
    }

    public boolean isHasValidCode() {
        return hasValidCode;
    }

    public boolean isRefused() {
        return refused;
    }

    public boolean isDecided() {
        return decided;
    }

    public boolean isEligible() {
        return eligible;
    }

    public String getReason() {
        return reason;
    }
}
