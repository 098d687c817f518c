package fr.adminteleservices.consultation;

/** The account asked for a child whose valid code is not in it: refused (403), and logged. */
public class ChildNotReached extends RuntimeException {

    public ChildNotReached(long accountId, String uai, long studentId) {
        super("Portal account " + accountId + " does not reach student " + studentId + " of " + uai);
    }
}
