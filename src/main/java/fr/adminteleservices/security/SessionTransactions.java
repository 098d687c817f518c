package fr.adminteleservices.security;

import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Session's JDBC repository runs every statement in a new transaction, reads included: per page, the read
 * of the session cost a connection's switch to manual commit, a read-only flag, the commit and the resets, about
 * eight round trips for one SELECT. That SELECT (the session and its attributes, one join) is consistent on its
 * own, so the read of {@link SessionAccessThrottle.ThrottledRepository#findById} runs without a transaction; every
 * write (creation, attributes, access time, deletion, the purge) keeps its own, as Spring Session made it, so another
 * node never sees a session without its attributes.
 */
final class SessionTransactions implements TransactionOperations {

    /** Set by {@link #read} for the repository's next transaction only. */
    private static final ThreadLocal<Boolean> NEXT_IS_A_READ = new ThreadLocal<>();

    private final TransactionTemplate writes;

    SessionTransactions(PlatformTransactionManager transactionManager) {
        writes = new TransactionTemplate(transactionManager);
        // as Spring Session's own: the session's writes are not part of whatever the request is doing
        writes.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Runs {@code reading}, whose first use of the repository's transactions is a lone SELECT, without a transaction. */
    static <T> T read(Supplier<T> reading) {
        NEXT_IS_A_READ.set(Boolean.TRUE);
        try {
            return reading.get();
        } finally {
            NEXT_IS_A_READ.remove();
        }
    }

    @Override
    public <T> T execute(TransactionCallback<T> action) throws TransactionException {
        if (NEXT_IS_A_READ.get() != null) {
            // one-shot: an expired session's deletion, which follows in the same findById, has its transaction
            NEXT_IS_A_READ.remove();
            return action.doInTransaction(new SimpleTransactionStatus(false));
        }
        return writes.execute(action);
    }
}
