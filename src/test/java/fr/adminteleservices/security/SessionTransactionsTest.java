package fr.adminteleservices.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Issue 18 §4: the session's read costs one SELECT, its writes keep their transaction. */
class SessionTransactionsTest {

    private final SessionTransactions transactions = new SessionTransactions(new DataSourceTransactionManager(dataSource()));

    @Test
    void theReadOfASessionRunsWithoutATransactionAndWhatFollowsItWithOne() {
        boolean[] inTransaction = new boolean[2];
        SessionTransactions.read(() -> {
            inTransaction[0] = inTransaction();
            // the deletion of a session found expired, in the same findById
            inTransaction[1] = inTransaction();
            return null;
        });
        assertThat(inTransaction).containsExactly(false, true);
    }

    @Test
    void everyOtherUseOfTheRepositoryHasItsOwnTransaction() {
        assertThat(inTransaction()).isTrue();
        SessionTransactions.read(() -> "a read that used no transaction");
        assertThat(inTransaction()).as("nothing left behind on the thread").isTrue();
    }

    private boolean inTransaction() {
        Boolean active = transactions.execute(status -> TransactionSynchronizationManager.isActualTransactionActive());
        return Boolean.TRUE.equals(active);
    }

    private static JdbcDataSource dataSource() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:session-transactions;DB_CLOSE_DELAY=-1");
        return h2;
    }
}
