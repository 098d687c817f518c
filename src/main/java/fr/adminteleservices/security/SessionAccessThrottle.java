package fr.adminteleservices.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.session.SessionAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
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
 * <p>A request reads its session once. Spring Session's filter commits the session twice (when the response is
 * committed, then at the end of its filter), and the first commit forgets the session it read, so the second reads it
 * again only to learn its id (spring-projects/spring-session#1731, open): two SELECTs per page. {@link OneReadPerRequest},
 * just outside Spring Session's filter, keeps the sessions a request read for the rest of that request.
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

    /** Just outside Spring Session's filter, for the same dispatches (Spring Boot's default: request, async, error). */
    @Bean
    FilterRegistrationBean<OneReadPerRequest> oneSessionReadPerRequest() {
        var registration = new FilterRegistrationBean<>(new OneReadPerRequest());
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        registration.setName("one-session-read-per-request");
        return registration;
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
            Map<String, ThrottledSession<?>> read = OneReadPerRequest.READ.get();
            ThrottledSession<?> earlier = read == null ? null : read.get(id);
            if (earlier != null && id.equals(earlier.getId())) {
                @SuppressWarnings("unchecked") // put by this repository, the one repository of the application
                ThrottledSession<S> same = (ThrottledSession<S>) earlier;
                return same;
            }
            S found = SessionTransactions.read(() -> delegate.findById(id));
            ThrottledSession<S> session = found == null ? null : new ThrottledSession<>(found);
            if (read != null && session != null) {
                read.put(id, session);
            }
            return session;
        }

        @Override
        public void deleteById(String id) {
            Map<String, ThrottledSession<?>> read = OneReadPerRequest.READ.get();
            if (read != null) {
                read.remove(id);
            }
            delegate.deleteById(id);
        }
    }

    /**
     * The sessions the current request read, by id, until its end: what it read (and wrote) is what its second
     * commit needs, and a session it ended, or whose id it changed, is not taken from here.
     */
    static final class OneReadPerRequest implements Filter {

        static final ThreadLocal<Map<String, ThrottledSession<?>>> READ = new ThreadLocal<>();

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (READ.get() != null) {
                // a dispatch inside the request (an error page): the request's own scope holds
                chain.doFilter(request, response);
                return;
            }
            READ.set(new HashMap<>(2));
            try {
                chain.doFilter(request, response);
            } finally {
                READ.remove();
            }
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
