package fr.adminteleservices.accounts;

import fr.adminteleservices.ratelimit.DatabaseBuckets;
import io.github.bucket4j.BucketConfiguration;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
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
 * <li>{@code reset-address.*} (10 per PT1H) and {@code reset-account.*} (3 per PT1H): « mot de passe oublié »
 * requests of one client address, and reset links of one account;</li>
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

    static final String TABLE = "activation_rate_limit";
    /** A bucket's row is kept this long after it is full again, for clocks of instances a little apart. */
    private static final Duration KEEP_AFTER_REFILL = Duration.ofMinutes(1);

    private final DatabaseBuckets buckets;
    private final BucketConfiguration perAddress;
    private final BucketConfiguration perStudent;
    private final BucketConfiguration resetPerAddress;
    private final BucketConfiguration resetPerAccount;
    private final Clock clock;

    @Autowired
    ActivationRateLimit(DataSource dataSource, Clock clock, PortalProperties portal) {
        this(dataSource, clock, portal.rateLimit().address().capacity(), portal.rateLimit().address().period(),
                portal.rateLimit().student().capacity(), portal.rateLimit().student().period(), portal.rateLimit().purgeInterval(),
                portal.rateLimit().resetAddress().capacity(), portal.rateLimit().resetAddress().period(),
                portal.rateLimit().resetAccount().capacity(), portal.rateLimit().resetAccount().period());
    }

    ActivationRateLimit(DataSource dataSource, Clock clock, int addressCapacity, Duration addressPeriod,
                        int studentCapacity, Duration studentPeriod, Duration purgeInterval,
                        int resetAddressCapacity, Duration resetAddressPeriod, int resetAccountCapacity, Duration resetAccountPeriod) {
        this.clock = clock;
        this.perAddress = DatabaseBuckets.limit(addressCapacity, addressPeriod);
        this.perStudent = DatabaseBuckets.limit(studentCapacity, studentPeriod);
        this.resetPerAddress = DatabaseBuckets.limit(resetAddressCapacity, resetAddressPeriod);
        this.resetPerAccount = DatabaseBuckets.limit(resetAccountCapacity, resetAccountPeriod);
        this.buckets = DatabaseBuckets.on(TABLE, dataSource, clock, KEEP_AFTER_REFILL, purgeInterval);
    }

    /** Consumes an attempt of the client address; false when its attempts are exhausted. */
    boolean tryClientAddress(String address) {
        buckets.purgeWhenDue();
        return buckets.builder().build(key("addr:" + (address == null ? "unknown" : address)), () -> perAddress).tryConsume(1);
    }

    /** Consumes an attempt on the student (an attempt that found one of the student's codes); false when exhausted. */
    boolean tryStudent(String uai, long studentId) {
        return buckets.builder().build(key("student:" + uai + ":" + studentId), () -> perStudent).tryConsume(1);
    }

    /** Consumes a « mot de passe oublié » request of the client address; false when its requests are exhausted. */
    boolean tryResetAddress(String address) {
        buckets.purgeWhenDue();
        return buckets.builder().build(key("reset-addr:" + (address == null ? "unknown" : address)), () -> resetPerAddress).tryConsume(1);
    }

    /** Consumes a reset link of the account; false when the account had its links for now. */
    boolean tryResetAccount(long accountId) {
        return buckets.builder().build(key("reset-account:" + accountId), () -> resetPerAccount).tryConsume(1);
    }

    /** Consumes a resent confirmation link of the account (the reset links' limit); false when it had its links for now. */
    boolean tryResendConfirmation(long accountId) {
        return buckets.builder().build(key("confirm-account:" + accountId), () -> resetPerAccount).tryConsume(1);
    }

    /** Deletes the rows of buckets full again for a while (as if never used); returns how many. */
    int removeExpired() {
        return buckets.removeExpired(clock.millis());
    }


    static String key(String key) {
        return DatabaseBuckets.key(key);
    }
}
