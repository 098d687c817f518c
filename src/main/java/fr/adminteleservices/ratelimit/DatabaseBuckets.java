package fr.adminteleservices.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bucket4j's "select for update" proxy manager on a table of buckets ({@code id}, {@code state},
 * {@code expires_at}), with the SQL of Bucket4j's
 * own MySQL and MariaDB proxy managers, valid on MariaDB and on H2 in MariaDB mode: {@code INSERT IGNORE} of
 * an empty row for a new key, then {@code SELECT ... FOR UPDATE} and {@code UPDATE} in one transaction.
 * Written here because the library's MySQL module needs MySQL's own driver, and its MariaDB module is not
 * published for the 8.1x releases; a conflict between first inserts is retried, as theirs.
 */
public final class DatabaseBuckets extends AbstractSelectForUpdateBasedProxyManager<String> {

    private static final int MAX_KEY_LENGTH = 255;
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseBuckets.class);

    private final Clock clock;
    private final Duration purgeInterval;
    private final AtomicLong nextPurge = new AtomicLong(Long.MIN_VALUE);

    private final String insertSql;
    private final String selectSql;
    private final String updateSql;
    private final String deleteSql;
    private final String existsSql;
    private final String deleteExpiredSql;

    private final DataSource dataSource;
    private final ExpirationAfterWriteStrategy expiration;

    private DatabaseBuckets(String table, DataSource dataSource, Clock clock, Duration purgeInterval, ClientSideConfig config) {
        super(config);
        this.clock = clock;
        this.purgeInterval = purgeInterval;
        this.dataSource = dataSource;
        this.insertSql = "INSERT IGNORE INTO " + table + "(id, state) VALUES(?, null)";
        this.selectSql = "SELECT state FROM " + table + " WHERE id = ? FOR UPDATE";
        this.updateSql = "UPDATE " + table + " SET state = ?, expires_at = ? WHERE id = ?";
        this.deleteSql = "DELETE FROM " + table + " WHERE id = ?";
        this.existsSql = "SELECT 1 FROM " + table + " WHERE id = ?";
        this.deleteExpiredSql = "DELETE FROM " + table + " WHERE expires_at < ?";
        this.expiration = config.getExpirationAfterWriteStrategy().orElseThrow();
    }

    /**
     * Buckets kept in the table, timed by the application's clock (the engine's, which tests move), each
     * row deletable once its bucket has been full again for {@code keepAfterRefill}.
     */
    public static DatabaseBuckets on(String table, DataSource dataSource, Clock clock, Duration keepAfterRefill) {
        return on(table, dataSource, clock, keepAfterRefill, Duration.ofHours(1));
    }

    /** The same, deleting the rows of buckets full again at most once per {@code purgeInterval} (see {@link #purgeWhenDue}). */
    public static DatabaseBuckets on(String table, DataSource dataSource, Clock clock, Duration keepAfterRefill, Duration purgeInterval) {
        TimeMeter time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        return new DatabaseBuckets(table, dataSource, clock, purgeInterval, ClientSideConfig.getDefault()
                .withClientClock(time)
                .withRequestTimeout(Duration.ofSeconds(10))
                .withExpirationAfterWriteStrategy(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(keepAfterRefill)));
    }

    /** A bucket of {@code capacity} tokens refilled greedily (one at a time) over {@code period}. */
    public static BucketConfiguration limit(int capacity, Duration period) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .build();
    }

    /** The key as stored: a key too long for the column (an odd address) is replaced by its SHA-256. */
    public static String key(String key) {
        if (key.length() <= MAX_KEY_LENGTH) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return key.substring(0, key.indexOf(':') + 1) + "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean isExpireAfterWriteSupported() {
        return true;
    }

    @Override
    protected SelectForUpdateBasedTransaction allocateTransaction(String key, Optional<Long> timeoutNanos) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new BucketExceptions.BucketExecutionException(e);
        }
        return new SelectForUpdateBasedTransaction() {
            @Override
            public void begin(Optional<Long> timeout) {
                run(() -> connection.setAutoCommit(false));
            }

            @Override
            public LockAndGetResult tryLockAndGet(Optional<Long> timeout) {
                try (PreparedStatement select = connection.prepareStatement(selectSql)) {
                    applyTimeout(select, timeout);
                    select.setString(1, key);
                    try (ResultSet rs = select.executeQuery()) {
                        return rs.next() ? LockAndGetResult.locked(rs.getBytes(1)) : LockAndGetResult.notLocked();
                    }
                } catch (SQLException e) {
                    throw new BucketExceptions.BucketExecutionException(e);
                }
            }

            @Override
            public boolean tryInsertEmptyData(Optional<Long> timeout) {
                try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
                    applyTimeout(insert, timeout);
                    insert.setString(1, key);
                    insert.executeUpdate();
                    return true;
                } catch (SQLTransactionRollbackException conflict) {
                    // a parallel transaction inserted the row: retried in a new transaction
                    return false;
                } catch (SQLException e) {
                    throw new BucketExceptions.BucketExecutionException(e);
                }
            }

            @Override
            public void update(byte[] data, RemoteBucketState newState, Optional<Long> timeout) {
                try (PreparedStatement update = connection.prepareStatement(updateSql)) {
                    applyTimeout(update, timeout);
                    long nowNanos = currentTimeNanos();
                    long ttlMillis = expiration.calculateTimeToLiveMillis(newState, nowNanos);
                    update.setBytes(1, data);
                    update.setLong(2, ttlMillis < 0 ? Long.MAX_VALUE : nowNanos / 1_000_000 + ttlMillis);
                    update.setString(3, key);
                    update.executeUpdate();
                } catch (SQLException e) {
                    throw new BucketExceptions.BucketExecutionException(e);
                }
            }

            @Override
            public void commit(Optional<Long> timeout) {
                run(connection::commit);
            }

            @Override
            public void rollback() {
                run(connection::rollback);
            }

            @Override
            public void release() {
                run(connection::close);
            }

            private void run(SqlAction action) {
                try {
                    action.run();
                } catch (SQLException e) {
                    throw new BucketExceptions.BucketExecutionException(e);
                }
            }
        };
    }

    @Override
    public void removeProxy(String key) {
        execute(deleteSql, key);
    }

    /**
     * Deletes the rows of buckets full again, when the purge interval has passed since this node's last purge
     * (one caller does it; a failure is logged, the attempt that triggered it goes on).
     */
    public void purgeWhenDue() {
        long now = clock.millis();
        long due = nextPurge.get();
        if (now < due || !nextPurge.compareAndSet(due, now + purgeInterval.toMillis())) {
            return;
        }
        try {
            removeExpired(now);
        } catch (RuntimeException e) {
            LOG.warn("Purge of the rate limits failed", e);
        }
    }

    /**
     * Whether the bucket of {@code key} has a row, read without a lock. No row is a full bucket (never used, or
     * full again and purged): a caller that only needs to know whether a bucket is empty can skip Bucket4j,
     * whose read locks the row (and inserts one), which serialises every request of the same key.
     */
    public boolean holds(String key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(existsSql)) {
            statement.setString(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new BucketExceptions.BucketExecutionException(e);
        }
    }

    /** Deletes the rows of buckets full again for a while (as if never used); returns how many. */
    public int removeExpired(long nowMillis) {
        return execute(deleteExpiredSql, nowMillis);
    }

    private int execute(String sql, Object parameter) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            int rows = statement.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return rows;
        } catch (SQLException e) {
            throw new BucketExceptions.BucketExecutionException(e);
        }
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }
}
