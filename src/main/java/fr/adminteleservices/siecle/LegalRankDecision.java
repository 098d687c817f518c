package fr.adminteleservices.siecle;

/**
 * Fact and decision of {@code rules/guardian-legal-rank.drl}: from one RESPONSABLE_ELEVE of either
 * export format, is this person the student's legal guardian 1, 2, another person, or a record to
 * reject? {@code order} is the position of this person among the student's links carrying the same
 * value (first RESP_LEGAL 1, second NIVEAU_RESPONSABILITE 1, …).
 */
public class LegalRankDecision {

    private final String eleveId;
    private final String personneId;
    private final String respLegal;
    private final String niveauResponsabilite;
    private final int order;

    private boolean decided;
    private Integer legalRank;
    private boolean rejected;
    private String reason;

    public LegalRankDecision(String eleveId, String personneId, String respLegal, String niveauResponsabilite, int order) {
        this.eleveId = eleveId;
        this.personneId = personneId;
        this.respLegal = respLegal;
        this.niveauResponsabilite = niveauResponsabilite;
        this.order = order;
    }

    /** Legal guardian 1 or 2: may receive a CAR. */
    public void legal(int rank, String why) {
        decide(rank, false, why);
    }

    /** Another person linked to the student (no code). */
    public void otherPerson(String why) {
        decide(null, false, why);
    }

    public void reject(String why) {
        decide(null, true, why);
    }

    private void decide(Integer rank, boolean reject, String why) {
        this.decided = true;
        this.legalRank = rank;
        this.rejected = reject;
        this.reason = why;
    }

    public String getEleveId() { return eleveId; }
    public String getPersonneId() { return personneId; }
    public String getRespLegal() { return respLegal; }
    public String getNiveauResponsabilite() { return niveauResponsabilite; }
    public int getOrder() { return order; }
    public boolean isDecided() { return decided; }
    public Integer getLegalRank() { return legalRank; }
    public boolean isRejected() { return rejected; }
    public String getReason() { return reason; }
}
