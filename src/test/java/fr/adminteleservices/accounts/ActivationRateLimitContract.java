package fr.adminteleservices.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The rate limits of activation attempts, on each database: buckets in the table, shared between instances. */
abstract class ActivationRateLimitContract {

    @Autowired
    ActivationRateLimit limits;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    Clock clock;

    private Instant now;

    @BeforeEach
    void fixTime() {
        // the greedy refill must not add a token while a test runs
        now = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ClockUtil.setCurrentTime(Date.from(now));
    }

    @AfterEach
    void resetTime() {
        ClockUtil.reset();
    }

    private void moveTime(Duration duration) {
        now = now.plus(duration);
        ClockUtil.setCurrentTime(Date.from(now));
    }

    private static String newAddress() {
        return "test-" + UUID.randomUUID();
    }

    private static String newUai() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static long consumed(int attempts, java.util.function.BooleanSupplier attempt) {
        return IntStream.range(0, attempts).filter(i -> attempt.getAsBoolean()).count();
    }

    private int rows(String key) {
        return jdbc.queryForObject("select count(*) from activation_rate_limit where id = ? and state is not null", Integer.class, key);
    }

    @Test
    void theAttemptAfterTwentyOfAnAddressIsRefusedNotThoseOfAnotherAddress() {
        String address = newAddress();
        assertThat(consumed(20, () -> limits.tryClientAddress(address))).isEqualTo(20);
        assertThat(limits.tryClientAddress(address)).isFalse();
        assertThat(limits.tryClientAddress(newAddress())).isTrue();
        assertThat(rows("addr:" + address)).isEqualTo(1);
    }

    @Test
    void theAttemptAfterFiveOnAStudentIsRefusedNotThoseOnAnotherStudent() {
        String uai = newUai();
        assertThat(consumed(5, () -> limits.tryStudent(uai, 42))).isEqualTo(5);
        assertThat(limits.tryStudent(uai, 42)).isFalse();
        assertThat(limits.tryStudent(uai, 43)).isTrue();
        assertThat(limits.tryStudent(newUai(), 42)).isTrue();
        assertThat(rows("student:" + uai + ":42")).isEqualTo(1);
    }

    @Test
    void anotherInstanceOnTheSameDatabaseSharesTheBuckets() {
        var other = new ActivationRateLimit(dataSource, clock, 20, Duration.ofMinutes(10), 5, Duration.ofHours(1), Duration.ofHours(1),
                10, Duration.ofHours(1), 3, Duration.ofHours(1));
        String address = newAddress();
        String uai = newUai();
        assertThat(consumed(15, () -> limits.tryClientAddress(address))).isEqualTo(15);
        assertThat(consumed(10, () -> other.tryClientAddress(address))).isEqualTo(5);
        assertThat(limits.tryClientAddress(address)).isFalse();
        assertThat(consumed(3, () -> other.tryStudent(uai, 7))).isEqualTo(3);
        assertThat(consumed(3, () -> limits.tryStudent(uai, 7))).isEqualTo(2);
        assertThat(other.tryStudent(uai, 7)).isFalse();
    }

    @Test
    void parallelAttemptsOnANewKeyAreCountedExactly() throws Exception {
        String address = newAddress();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var attempts = IntStream.range(0, 40).mapToObj(i -> pool.submit(() -> limits.tryClientAddress(address))).toList();
            long granted = 0;
            for (var attempt : attempts) {
                granted += attempt.get() ? 1 : 0;
            }
            assertThat(granted).isEqualTo(20);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theBucketsRefillOverTheirPeriod() {
        String address = newAddress();
        String uai = newUai();
        consumed(20, () -> limits.tryClientAddress(address));
        consumed(5, () -> limits.tryStudent(uai, 1));
        assertThat(limits.tryClientAddress(address)).isFalse();
        assertThat(limits.tryStudent(uai, 1)).isFalse();

        // greedy refill: one attempt of an address every 30 s, one on a student every 12 min
        moveTime(Duration.ofSeconds(31));
        assertThat(limits.tryClientAddress(address)).isTrue();
        assertThat(limits.tryClientAddress(address)).isFalse();
        assertThat(limits.tryStudent(uai, 1)).isFalse();
        moveTime(Duration.ofMinutes(12));
        assertThat(limits.tryStudent(uai, 1)).isTrue();
        assertThat(limits.tryStudent(uai, 1)).isFalse();

        moveTime(Duration.ofHours(1));
        assertThat(consumed(25, () -> limits.tryClientAddress(address))).isEqualTo(20);
        assertThat(consumed(10, () -> limits.tryStudent(uai, 1))).isEqualTo(5);
    }

    @Test
    void theRowsOfBucketsFullAgainAreDeleted() {
        String address = newAddress();
        limits.tryClientAddress(address);
        limits.removeExpired();
        assertThat(rows("addr:" + address)).isEqualTo(1);

        moveTime(Duration.ofMinutes(2));
        limits.removeExpired();
        assertThat(rows("addr:" + address)).isEqualTo(0);
        // a new bucket, full
        assertThat(consumed(25, () -> limits.tryClientAddress(address))).isEqualTo(20);
    }

    @Test
    void aTooLongAddressIsStoredUnderItsHash() {
        String address = "x".repeat(300) + UUID.randomUUID();
        assertThat(consumed(21, () -> limits.tryClientAddress(address))).isEqualTo(20);
        assertThat(jdbc.queryForObject("select count(*) from activation_rate_limit where id = ?", Integer.class,
                ActivationRateLimit.key("addr:" + address))).isEqualTo(1);
        assertThat(ActivationRateLimit.key("addr:" + address)).startsWith("addr:sha256:").hasSize(12 + 64);
    }
}
