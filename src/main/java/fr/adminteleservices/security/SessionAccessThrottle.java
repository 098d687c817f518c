package fr.adminteleservices.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.session.SessionAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Sessions in the database without a write on every request. Spring Session moves a session's last access
 * time at each request, and {@code JdbcIndexedSessionRepository} then updates its row: one write transaction per
 * page on MariaDB, which cost the portal about a quarter of its pages per second. Here the access time is
 * written only when it has moved by {@link #TOUCH_EVERY} or more (or when anything else of the session
 * changed), and a session nothing wrote to is not saved at all, so a reader clicking through pages costs one
 * read per request and one write a minute.
 *
 * <p>The price: the idle timeout (30 min) counts from a last access up to a minute old, so a session may end up
 * to a minute early. Every node reads the same row, so this holds across the cluster.
 *
 * <p>An auto-configuration ({@code META-INF/spring/…AutoConfiguration.imports}) that runs after Spring Boot's
 * session configuration, so it exists exactly when the sessions are in the database (not in the MockMvc
 * tests, which keep the container's). It is the {@code @Primary} repository: Spring Session's filter takes it,
 * {@link ExpiredSessions} still cleans the table through the JDBC repository.
 */
@AutoConfiguration(after = {SessionAutoConfiguration.class, TransactionAutoConfiguration.class})
@ConditionalOnBean(JdbcIndexedSessionRepository.class)
public class SessionAccessThrottle {

    /** How far the stored last access time may lag behind the real one. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    @Bean
    @Primary
    ThrottledRepository<?> throttledSessionRepository(JdbcIndexedSessionRepository sessions) {
        return throttle(sessions);
    }

    static <S extends Session> ThrottledRepository<S> throttle(SessionRepository<S> sessions) {
        return new ThrottledRepository<>(sessions);
    }

    /**
     * The transactions of Spring Session's JDBC repository (it takes the bean of this name): its reads of a session
     * need none. Not a default candidate, so the application's own {@code TransactionOperations} stays the one
     * injected everywhere else.
     */
    @Bean(defaultCandidate = false)
    SessionTransactions springSessionTransactionOperations(PlatformTransactionManager transactionManager) {
        return new SessionTransactions(transactionManager);
    }

    /** Spring Session's repository seen through {@link ThrottledSession}s. */
    static final class ThrottledRepository<S extends Session> implements SessionRepository<ThrottledSession<S>> {

        private final SessionRepository<S> delegate;

        ThrottledRepository(SessionRepository<S> delegate) {
            this.delegate = delegate;
        }

        @Override
        public ThrottledSession<S> createSession() {
            ThrottledSession<S> created = new ThrottledSession<>(delegate.createSession());
            created.changed = true;
            return created;
        }

        @Override
        public void save(ThrottledSession<S> session) {
            // nothing written, nothing to save: not even the empty transaction the JDBC repository would open
            if (session.changed) {
                delegate.save(session.delegate);
                session.changed = false;
            }
        }

        @Override
        public ThrottledSession<S> findById(String id) {
            S found = SessionTransactions.read(() -> delegate.findById(id));
            return found == null ? null : new ThrottledSession<>(found);
        }

        @Override
        public void deleteById(String id) {
            delegate.deleteById(id);
        }
    }

    /** A session whose last access time reaches the stored one only once it has moved by a minute. */
    static final class ThrottledSession<S extends Session> implements Session {

        private final S delegate;
        /** Whether anything was written to the session since it was read or saved. */
        private boolean changed;

        ThrottledSession(S delegate) {
            this.delegate = delegate;
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            // the JDBC session marks itself changed (an UPDATE at the end of the request) whenever this is called
            if (Duration.between(delegate.getLastAccessedTime(), lastAccessedTime).compareTo(TOUCH_EVERY) >= 0) {
                delegate.setLastAccessedTime(lastAccessedTime);
                changed = true;
            }
        }

        @Override
        public String getId() {
            return delegate.getId();
        }

        @Override
        public String changeSessionId() {
            changed = true;
            return delegate.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String attributeName) {
            return delegate.getAttribute(attributeName);
        }

        @Override
        public Set<String> getAttributeNames() {
            return delegate.getAttributeNames();
        }

        @Override
        public void setAttribute(String attributeName, Object attributeValue) {
            changed = true;
            delegate.setAttribute(attributeName, attributeValue);
        }

        @Override
        public void removeAttribute(String attributeName) {
            changed = true;
            delegate.removeAttribute(attributeName);
        }

        @Override
        public Instant getCreationTime() {
            return delegate.getCreationTime();
        }

        @Override
        public Instant getLastAccessedTime() {
            return delegate.getLastAccessedTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            changed = true;
            delegate.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return delegate.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return delegate.isExpired();
        }
    }
}
