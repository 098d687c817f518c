package fr.adminteleservices.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

/**
 * The CSRF token of the screens' and the portal's forms, masked afresh for every page (BREACH) as Spring Security
 * does by default, but from random bytes that no two request threads wait for.
 *
 * <p>Every page has a form (« Se déconnecter »), so every page masks the token with random bytes. Spring Security's
 * default {@code new SecureRandom()} is NativePRNG, and every NativePRNG of the JVM shares one SHA1PRNG mixer and
 * one 32-byte buffer of {@code /dev/urandom}, each behind a lock, the second refilled by a system call made while
 * holding it. At 32 portal users on 2 cores, request threads waited 20 to 350 ms on those locks, 191 times in 30 s
 * (JFR {@code jdk.JavaMonitorEnter}, PortalLoadBenchmark): the tail of the grade page's latency. Here each thread has
 * its own DRBG (NIST SP 800-90A, SHA-256, seeded by the JDK from the system's entropy), so no lock is shared.
 */
public final class CsrfTokens {

    private CsrfTokens() {
    }

    /** The request handler of the chains that have forms (CSRF on). */
    public static CsrfTokenRequestHandler requestHandler() {
        XorCsrfTokenRequestAttributeHandler masking = new XorCsrfTokenRequestAttributeHandler();
        masking.setSecureRandom(PerThreadSecureRandom.INSTANCE);
        return new MangledTokensRefused(masking);
    }

    /**
     * Issues the token of the pages after a log-in now, in the log-in's own request. Spring Security replaces the token
     * at log-in (CsrfAuthenticationStrategy) but makes the new one only when a page first asks for it: with sessions in
     * the database, the page after the log-in then wrote the session a third time (after the log-in form and the
     * log-in itself) just for it. Made here, it is saved by the log-in's own write.
     */
    public static void issueNow(HttpServletRequest request) {
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken next) {
            next.getToken();
        }
    }

    /**
     * A token altered on the way (of the right length, but whose unmasked bytes are not UTF-8) is refused like any
     * wrong token, 403: Spring Security's own handler lets {@code Utf8.decode}'s exception through, a 500.
     */
    private record MangledTokensRefused(XorCsrfTokenRequestAttributeHandler masking) implements CsrfTokenRequestHandler {

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
            masking.handle(request, response, csrfToken);
        }

        @Override
        public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
            try {
                return masking.resolveCsrfTokenValue(request, csrfToken);
            } catch (IllegalArgumentException notUtf8) {
                return null;
            }
        }
    }

    /** A {@link SecureRandom} whose bytes come from the calling thread's own DRBG. */
    static final class PerThreadSecureRandom extends SecureRandom {

        static final PerThreadSecureRandom INSTANCE = new PerThreadSecureRandom();

        private final transient ThreadLocal<SecureRandom> generators = ThreadLocal.withInitial(() -> {
            try {
                return SecureRandom.getInstance("DRBG");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("DRBG is in every JDK since 9", e);
            }
        });

        private PerThreadSecureRandom() {
        }

        /** The calling thread's generator (for the tests). */
        SecureRandom current() {
            return generators.get();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            generators.get().nextBytes(bytes);
        }

        @Override
        public String getAlgorithm() {
            return "DRBG";
        }

        @Override
        public byte[] generateSeed(int numBytes) {
            return generators.get().generateSeed(numBytes);
        }

        @Override
        public void setSeed(long seed) {
            // SecureRandom's constructor calls it before the thread-local exists: ignored then, as it only adds to a seed
            if (generators != null) {
                generators.get().setSeed(seed);
            }
        }

        @Override
        public void setSeed(byte[] seed) {
            generators.get().setSeed(seed);
        }
    }
}
