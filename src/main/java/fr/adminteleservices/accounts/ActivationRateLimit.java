package fr.adminteleservices.accounts;

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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Rate limits of activation attempts (SPEC "Codes": attempts to activate are rate-limited): token buckets
 * (Bucket4j) per client address and per student, kept in the table {@code activation_rate_limit} so that
 * every instance of the app shares them. An attempt that found a code of a student consumes that student's
 * bucket whatever the birth date typed: guessing the birth date of a known code is stopped there.
 *
 * <p>Properties ({@code teleservices.portal.rate-limit.*}), each bucket refilled greedily (its whole
 * capacity over its period, one token at a time):
 * <ul>
 * <li>{@code address.capacity} (20) and {@code address.period} (PT10M): attempts of one client address;</li>
 * <li>{@code student.capacity} (5) and {@code student.period} (PT1H): attempts that found a code of one student;</li>
 * <li>{@code purge-interval} (PT1H): how often an instance deletes the rows of buckets that are full again.</li>
 * </ul>
 * A bucket keeps the limits it was created with until it is full again (its row is then deleted): new
 * values apply within one period.
 *
 * <p>Time is the app's {@link Clock} (the engine's, which tests move). Each attempt is its own short
 * database transaction on its own connection, outside the caller's: a refused attempt stays counted.
 */
@Component
class ActivationRateLimit {

    private static final Logger LOG = LoggerFactory.getLogger(ActivationRateLimit.class);
    static final String TABLE = "activation_rate_limit";
    /** A bucket's row is kept this long after it is full again, for clocks of instances a little apart. */
    private static final Duration KEEP_AFTER_REFILL = Duration.ofMinutes(1);
    private static final int MAX_KEY_LENGTH = 255;

    private final JdbcBuckets buckets;
    private final BucketConfiguration perAddress;
    private final BucketConfiguration perStudent;
    private final Clock clock;
    private final Duration purgeInterval;
    private final AtomicLong nextPurge = new AtomicLong(Long.MIN_VALUE);

    ActivationRateLimit(DataSource dataSource, Clock clock,
                        @Value("${teleservices.portal.rate-limit.address.capacity:20}") int addressCapacity,
                        @Value("${teleservices.portal.rate-limit.address.period:PT10M}") Duration addressPeriod,
                        @Value("${teleservices.portal.rate-limit.student.capacity:5}") int studentCapacity,
                        @Value("${teleservices.portal.rate-limit.student.period:PT1H}") Duration studentPeriod,
                        @Value("${teleservices.portal.rate-limit.purge-interval:PT1H}") Duration purgeInterval) {
        this.clock = clock;
        this.purgeInterval = purgeInterval;
        this.perAddress = limit(addressCapacity, addressPeriod);
        this.perStudent = limit(studentCapacity, studentPeriod);
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
        this.buckets = new JdbcBuckets(dataSource, ClientSideConfig.getDefault()
                .withClientClock(time)
                .withRequestTimeout(Duration.ofSeconds(10))
                .withExpirationAfterWriteStrategy(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL)));
    }

    private static BucketConfiguration limit(int capacity, Duration period) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .build();
    }

    /** Consumes an attempt of the client address; false when its attempts are exhausted. */
    boolean tryClientAddress(String address) {
        purgeWhenDue();
        return buckets.builder().build(key("addr:" + (address == null ? "unknown" : address)), () -> perAddress).tryConsume(1);
    }

    /** Consumes an attempt on the student (an attempt that found one of the student's codes); false when exhausted. */
    boolean tryStudent(String uai, long studentId) {
        return buckets.builder().build(key("student:" + uai + ":" + studentId), () -> perStudent).tryConsume(1);
    }

    /** Deletes the rows of buckets full again for a while (as if never used); returns how many. */
    int removeExpired() {
        return buckets.removeExpired(clock.millis());
    }

    private void purgeWhenDue() {
        long now = clock.millis();
        long due = nextPurge.get();
        if (now < due || !nextPurge.compareAndSet(due, now + purgeInterval.toMillis())) {
            return;
        }
        try {
            removeExpired();
        } catch (RuntimeException e) {
            LOG.warn("Purge of the activation rate limits failed", e);
        }
    }

    /** The key as stored: a key too long for the column (an odd address) is replaced by its SHA-256. */
    static String key(String key) {
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

    /**
     * Bucket4j's "select for update" proxy manager on {@code activation_rate_limit}, with the SQL of Bucket4j's
     * own MySQL and MariaDB proxy managers, valid on MariaDB and on H2 in MariaDB mode: {@code INSERT IGNORE} of
     * an empty row for a new key, then {@code SELECT ... FOR UPDATE} and {@code UPDATE} in one transaction.
     * Written here because the library's MySQL module needs MySQL's own driver, and its MariaDB module is not
     * published for the 8.1x releases; a conflict between first inserts is retried, as theirs.
     */
    static final class JdbcBuckets extends AbstractSelectForUpdateBasedProxyManager<String> {

        private static final String INSERT = "INSERT IGNORE INTO " + TABLE + "(id, state) VALUES(?, null)";
        private static final String SELECT = "SELECT state FROM " + TABLE + " WHERE id = ? FOR UPDATE";
        private static final String UPDATE = "UPDATE " + TABLE + " SET state = ?, expires_at = ? WHERE id = ?";
        private static final String DELETE = "DELETE FROM " + TABLE + " WHERE id = ?";
        private static final String DELETE_EXPIRED = "DELETE FROM " + TABLE + " WHERE expires_at < ?";

        private final DataSource dataSource;
        private final ExpirationAfterWriteStrategy expiration;

        JdbcBuckets(DataSource dataSource, ClientSideConfig config) {
            super(config);
            this.dataSource = dataSource;
            this.expiration = config.getExpirationAfterWriteStrategy().orElseThrow();
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
                    try (PreparedStatement select = connection.prepareStatement(SELECT)) {
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
                    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
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
                    try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
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
            execute(DELETE, key);
        }

        int removeExpired(long nowMillis) {
            return execute(DELETE_EXPIRED, nowMillis);
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
}
