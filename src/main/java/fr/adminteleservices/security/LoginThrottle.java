package fr.adminteleservices.security;

import fr.adminteleservices.ratelimit.DatabaseBuckets;
import io.github.bucket4j.BucketConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Log-in throttling, for the administrators (form log-in, HTTP Basic on the APIs and {@code /engine-rest})
 * and for the portal's families: a wrong password consumes a token of its (log-in, client address) bucket;
 * when the bucket is empty, that pair is refused without checking the password until a token comes back.
 * Temporary back-off only, and per address: a stranger's wrong passwords never stop the real user logging in
 * from another address, and nothing is locked for good (Camunda's own lock is turned off, see
 * {@code application.yml}). The buckets live in the database (table {@code login_rate_limit}): every node
 * counts the same attempts.
 *
 * <p>Settings {@code teleservices.security.login-throttle.*}: {@code capacity} wrong passwords (10) refilled
 * over {@code period} (PT15M), one at a time.
 */
@Component
public class LoginThrottle {

    private static final String TABLE = "login_rate_limit";

    private final DatabaseBuckets buckets;
    private final BucketConfiguration limit;

    @Autowired
    LoginThrottle(DataSource dataSource, Clock clock, SecurityProperties security) {
        this(dataSource, clock, security.loginThrottle().capacity(), security.loginThrottle().period());
    }

    LoginThrottle(DataSource dataSource, Clock clock, int capacity, Duration period) {
        this.buckets = DatabaseBuckets.on(TABLE, dataSource, clock, Duration.ofMinutes(1));
        this.limit = DatabaseBuckets.limit(capacity, period);
    }

    /** Too many wrong passwords for this log-in from this address: wait, the password is not even checked. */
    public static final class Throttled extends AuthenticationException {
        Throttled() {
            super("Trop de tentatives de connexion avec cet identifiant : réessayez dans quelques minutes.");
        }
    }

    /**
     * Wraps a provider: refuses at once while the (log-in, address) pair is throttled, and counts the
     * provider's refusals of a password. {@code realm} keeps the administrators' and the families' log-ins apart.
     */
    public AuthenticationProvider around(String realm, AuthenticationProvider provider) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String key = DatabaseBuckets.key(realm + ":" + normalized(authentication.getName()) + "|" + address(authentication));
                buckets.purgeWhenDue();
                // a pair without a wrong password lately has no row: read without a lock, so that the API's Basic
                // requests of one user (each one authenticated) do not queue on the lock of one bucket row
                if (buckets.holds(key) && bucket(key).getAvailableTokens() < 1) {
                    throw new Throttled();
                }
                try {
                    return provider.authenticate(authentication);
                } catch (BadCredentialsException wrong) {
                    bucket(key).tryConsume(1);
                    throw wrong;
                }
            }

            private io.github.bucket4j.distributed.BucketProxy bucket(String key) {
                return buckets.builder().build(key, () -> limit);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return provider.supports(authentication);
            }
        };
    }

    private static String normalized(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress() : "unknown";
    }

}
