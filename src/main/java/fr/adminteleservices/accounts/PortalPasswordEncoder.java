package fr.adminteleservices.accounts;

import java.util.Map;
import java.util.concurrent.Semaphore;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The portal's password hashing: Spring Security's delegating encoder, the algorithm written in front of each
 * hash. New passwords are hashed with Argon2id at one of OWASP's minimum settings (m = 12 MiB, t = 3, p = 1);
 * the bcrypt hashes (cost 10) written before stay valid and are re-hashed at their next log-in
 * ({@link PortalSecurity}, transparently). Why: measured with {@code PasswordHashBenchmark} on this kind of
 * machine, a log-in check costs about 32 ms of CPU with these Argon2id settings against about 74 ms with bcrypt
 * cost 10, and a log-in's CPU is what limits the September peak.
 *
 * <p>Argon2id takes its memory (12 MiB) per check: at most {@link #CONCURRENT_CHECKS} hashes are computed at
 * once, the others wait their turn (more at once would not go faster on the machine's cores, and a burst of
 * log-ins could otherwise take hundreds of MiB). Not a {@link PasswordEncoder} bean: the administrators'
 * log-in stays Camunda's identity service.
 */
@Component
class PortalPasswordEncoder {

    static final String ARGON2 = "argon2";
    static final int CONCURRENT_CHECKS = 2 * Runtime.getRuntime().availableProcessors();

    private final PasswordEncoder encoder = new Bounded(new DelegatingPasswordEncoder(ARGON2, Map.of(
            ARGON2, new Argon2PasswordEncoder(16, 32, 1, 12 * 1024, 3),
            "bcrypt", new BCryptPasswordEncoder(10))), CONCURRENT_CHECKS);

    PasswordEncoder encoder() {
        return encoder;
    }

    /** At most {@code permits} hashes computed at once. */
    private static final class Bounded implements PasswordEncoder {

        private final PasswordEncoder delegate;
        private final Semaphore permits;

        Bounded(PasswordEncoder delegate, int permits) {
            this.delegate = delegate;
            this.permits = new Semaphore(permits, true);
        }

        @Override
        public String encode(CharSequence rawPassword) {
            permits.acquireUninterruptibly();
            try {
                return delegate.encode(rawPassword);
            } finally {
                permits.release();
            }
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            permits.acquireUninterruptibly();
            try {
                return delegate.matches(rawPassword, encodedPassword);
            } finally {
                permits.release();
            }
        }

        @Override
        public boolean upgradeEncoding(String encodedPassword) {
            return delegate.upgradeEncoding(encodedPassword);
        }
    }
}
