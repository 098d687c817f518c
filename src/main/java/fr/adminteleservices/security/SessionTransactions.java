package fr.adminteleservices.security;

import java.util.List;
import java.util.function.Consumer;
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
 * node never sees a session without its attributes. A write of a session's content also records the session in the
 * feed of changes ({@code session_change}, {@link SessionCopies}) in its own transaction.
 */
final class SessionTransactions implements TransactionOperations {

    /** Set by {@link #read} for the repository's next transaction only. */
    private static final ThreadLocal<Boolean> NEXT_IS_A_READ = new ThreadLocal<>();
    /** Set by {@link #recordingChanges} for the repository's next transaction only. */
    private static final ThreadLocal<List<String>> CHANGED = new ThreadLocal<>();

    private final TransactionTemplate writes;
    /** Records sessions in the feed of changes ({@link SessionCopies}); null: no feed. */
    private final Consumer<List<String>> feed;

    SessionTransactions(PlatformTransactionManager transactionManager) {
        this(transactionManager, null);
    }

    SessionTransactions(PlatformTransactionManager transactionManager, Consumer<List<String>> feed) {
        this.feed = feed;
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

    /**
     * Runs {@code writing}, whose first use of the repository's transactions writes these sessions: the same transaction
     * records them in the feed of changes, so that another node never keeps a copy of what was written, and never
     * learns of a write that was rolled back.
     */
    static void recordingChanges(List<String> sessionIds, Runnable writing) {
        if (sessionIds.isEmpty()) {
            writing.run();
            return;
        }
        CHANGED.set(sessionIds);
        try {
            writing.run();
        } finally {
            CHANGED.remove();
        }
    }

    @Override
    public <T> T execute(TransactionCallback<T> action) throws TransactionException {
        if (NEXT_IS_A_READ.get() != null) {
            // one-shot: an expired session's deletion, which follows in the same findById, has its transaction
            NEXT_IS_A_READ.remove();
            return action.doInTransaction(new SimpleTransactionStatus(false));
        }
        List<String> changed = CHANGED.get();
        if (changed == null || feed == null) {
            return writes.execute(action);
        }
        CHANGED.remove();
        return writes.execute(status -> {
            T result = action.doInTransaction(status);
            feed.accept(changed);
            return result;
        });
    }
}
