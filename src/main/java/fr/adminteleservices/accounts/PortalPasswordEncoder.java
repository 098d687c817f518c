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
 * hash. New passwords are hashed with bcrypt, cost 10 (OWASP's minimum). Argon2id at OWASP's settings was
 * measured against it (issue 18.4): alone on one thread it costs less CPU than bcrypt here ({@code
 * PasswordHashBenchmark}: about 32 ms against 74 ms at m = 12 MiB, t = 3), but at the peak, every core
 * busy, its memory traffic and garbage made log-ins slower (portal benchmark, 16 users: 15 log-ins/s and
 * 89 ms of Tomcat CPU each, plus 0.4 core of GC, against 24/s with bcrypt). A hash whose settings or algorithm
 * differ from the current one is re-hashed at its next good log-in ({@link PortalSecurity}): raising the cost
 * later needs no reset. Argon2id hashes stay readable.
 *
 * <p>At most {@link #CONCURRENT_CHECKS} hashes are computed at once, the others wait their turn: more at once
 * would not go faster on the machine's cores, and pages keep some CPU during a burst of log-ins. Not a
 * {@link PasswordEncoder} bean: the administrators' log-in stays Camunda's identity service.
 */
@Component
class PortalPasswordEncoder {

    static final String BCRYPT = "bcrypt";
    static final int CONCURRENT_CHECKS = 2 * Runtime.getRuntime().availableProcessors();

    private final PasswordEncoder encoder = new Bounded(new DelegatingPasswordEncoder(BCRYPT, Map.of(
            BCRYPT, new BCryptPasswordEncoder(10),
            "argon2", new Argon2PasswordEncoder(16, 32, 1, 12 * 1024, 3))), CONCURRENT_CHECKS);

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
