package fr.adminteleservices.accounts;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * « Mot de passe oublié » as the request sees it: the same work whatever is typed (one count of the client
 * address), then the answer; looking the account up, its own limit and the reset happen off the request
 * thread. So the answer's time tells nothing about whether an account exists, and a flood from one address
 * stops at its limit (the same page is shown, nothing is sent).
 */
@Component
class ForgottenPasswords {

    private static final Logger LOG = LoggerFactory.getLogger(ForgottenPasswords.class);

    private final Accounts accounts;
    private final ActivationRateLimit limits;
    /** Two threads, 1,000 waiting requests at most: beyond, a request is dropped (the address limits stop floods first). */
    private final ThreadPoolExecutor background;

    ForgottenPasswords(Accounts accounts, ActivationRateLimit limits) {
        this.accounts = accounts;
        this.limits = limits;
        AtomicInteger n = new AtomicInteger();
        this.background = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(1_000), r -> {
            Thread t = new Thread(r, "mot-de-passe-oublie-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
    }

    void request(String usernameOrEmail, String clientAddress) {
        if (!limits.tryResetAddress(clientAddress)) {
            return;
        }
        String typed = usernameOrEmail == null ? "" : usernameOrEmail.strip();
        background.execute(() -> {
            try {
                accounts.forgotPassword(typed);
            } catch (RuntimeException e) {
                LOG.warn("A forgotten-password request failed", e);
            }
        });
    }

    @PreDestroy
    void stop() {
        background.shutdown();
    }
}
