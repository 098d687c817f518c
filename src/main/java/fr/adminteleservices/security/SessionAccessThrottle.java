package fr.adminteleservices.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.session.SessionAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.session.MapSession;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
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
 * <p>And most requests do not read it at all: a node serves a page from its own copy of the session
 * ({@link SessionCopies}: its revision cookie and the change feed tell it when the copy is no longer the session),
 * and reads the database when it has none, or when the page writes to the session.
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
    ThrottledRepository<?> throttledSessionRepository(JdbcIndexedSessionRepository sessions,
                                                      ObjectProvider<SessionCopies> copies) {
        return throttle(sessions, copies.getIfAvailable());
    }

    /** This node's copies of the sessions, unless {@code teleservices.sessions.node-copies} is 0. */
    @Bean
    @ConditionalOnExpression("T(org.springframework.util.unit.DataSize).parse('${teleservices.sessions.node-copies}').toBytes() > 0")
    SessionCopies sessionCopies(SessionChangeMapper changes, SessionsProperties properties) {
        return new SessionCopies(changes, properties.nodeCopies().toBytes(), properties.changesPolledEvery());
    }

    static <S extends Session> ThrottledRepository<S> throttle(SessionRepository<S> sessions) {
        return throttle(sessions, null);
    }

    static <S extends Session> ThrottledRepository<S> throttle(SessionRepository<S> sessions, SessionCopies copies) {
        return new ThrottledRepository<>(sessions, copies);
    }

    /** Just outside Spring Session's filter, for the same dispatches (Spring Boot's default: request, async, error). */
    @Bean
    FilterRegistrationBean<OneReadPerRequest> oneSessionReadPerRequest(ServerProperties server) {
        var registration = new FilterRegistrationBean<>(new OneReadPerRequest(revisionCookie(server.getServlet().getSession().getCookie())));
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
    SessionTransactions springSessionTransactionOperations(PlatformTransactionManager transactionManager,
                                                           SessionChangeMapper changes) {
        return new SessionTransactions(transactionManager, changes::insertChanges);
    }

    /** Spring Session's repository seen through {@link ThrottledSession}s, and through this node's copies if any. */
    static final class ThrottledRepository<S extends Session> implements SessionRepository<ThrottledSession<S>> {

        private final SessionRepository<S> delegate;
        /** Null: every request reads its session from the store. */
        private final SessionCopies copies;

        ThrottledRepository(SessionRepository<S> delegate, SessionCopies copies) {
            this.delegate = delegate;
            this.copies = copies;
        }

        @Override
        public ThrottledSession<S> createSession() {
            ThrottledSession<S> created = new ThrottledSession<>(this, delegate.createSession(), null);
            created.changed = true;
            created.created = true;
            return created;
        }

        @Override
        public void save(ThrottledSession<S> session) {
            if (session.gone) {
                return; // ended on another node while this request ran: not brought back
            }
            if (session.changed) {
                // a new revision for the client's cookie, and a row of the feed for the other nodes' copies (written in
                // the session's own transaction), under the former id too if the id changed (a log-in); every node
                // does both, copies or not, so that a node without copies never leaves another's stale
                RequestScope scope = RequestScope.CURRENT.get();
                String revision = scope != null ? scope.revisionToWrite() : RequestScope.newRevision();
                session.delegate.setAttribute(SessionCopies.REVISION, revision);
                @SuppressWarnings("unchecked") // not gone: read from the store or created by it
                S stored = (S) session.delegate;
                List<String> changed = session.created ? List.of()
                        : session.readId.equals(session.getId()) ? List.of(session.readId) : List.of(session.readId, session.getId());
                SessionTransactions.recordingChanges(changed, () -> delegate.save(stored));
                if (copies != null) {
                    copies.drop(changed);
                }
                if (scope != null) {
                    scope.revisionWritten(revision);
                }
            } else if (session.touched) {
                // only the access time moved: the copies elsewhere merely look older (they read again once they look idle)
                if (session.delegate != null) {
                    @SuppressWarnings("unchecked")
                    S stored = (S) session.delegate;
                    delegate.save(stored);
                    if (copies != null) {
                        copies.touched(stored.getId(), stored.getAttribute(SessionCopies.REVISION), stored.getLastAccessedTime());
                    }
                } else {
                    copies.touch(session.copy, session.touchedAt);
                }
            }
            session.changed = false;
            session.touched = false;
            session.created = false;
            session.readId = session.getId();
        }

        @Override
        public ThrottledSession<S> findById(String id) {
            RequestScope scope = RequestScope.CURRENT.get();
            ThrottledSession<?> earlier = scope == null ? null : scope.read.get(id);
            if (earlier != null && id.equals(earlier.getId())) {
                @SuppressWarnings("unchecked") // put by this repository, the one repository of the application
                ThrottledSession<S> same = (ThrottledSession<S>) earlier;
                return same;
            }
            ThrottledSession<S> session = null;
            if (copies != null && scope != null) {
                SessionCopies.Copy copy = copies.find(id, scope.revision(), Instant.now());
                if (copy != null) {
                    session = new ThrottledSession<>(this, null, copy);
                }
            }
            if (session == null) {
                long readStarts = copies == null ? 0 : copies.readStarts();
                S found = read(id);
                if (found != null) {
                    session = new ThrottledSession<>(this, found, null);
                    if (copies != null) {
                        copies.keep(found, readStarts);
                    }
                }
            }
            if (scope != null && session != null) {
                scope.read.put(id, session);
            }
            return session;
        }

        /** The session as the store has it now. */
        S read(String id) {
            return SessionTransactions.read(() -> delegate.findById(id));
        }

        Object valueOf(SessionCopies.Copy copy, String name) {
            return copies.value(copy, name);
        }

        @Override
        public void deleteById(String id) {
            RequestScope scope = RequestScope.CURRENT.get();
            if (scope != null) {
                scope.read.remove(id);
            }
            SessionTransactions.recordingChanges(List.of(id), () -> delegate.deleteById(id));
            if (copies != null) {
                copies.drop(List.of(id));
            }
            if (scope != null) {
                scope.revisionWritten(null);
            }
        }
    }

    /**
     * The revision cookie ({@link SessionCopies#REVISION_COOKIE}) with the session cookie's settings
     * ({@code server.servlet.session.cookie.*}: Secure on MariaDB, HttpOnly, SameSite, path, domain), as Spring Boot
     * applies them to the {@code SESSION} cookie; the revision is written as it is, not in base64.
     */
    static DefaultCookieSerializer revisionCookie(org.springframework.boot.web.server.Cookie settings) {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName(SessionCopies.REVISION_COOKIE);
        cookie.setUseBase64Encoding(false);
        PropertyMapper map = PropertyMapper.get().alwaysApplyingWhenNonNull();
        map.from(settings::getDomain).to(cookie::setDomainName);
        map.from(settings::getPath).to(cookie::setCookiePath);
        map.from(settings::getHttpOnly).to(cookie::setUseHttpOnlyCookie);
        map.from(settings::getSecure).to(cookie::setUseSecureCookie);
        map.from(settings::getSameSite).as(org.springframework.boot.web.server.Cookie.SameSite::attributeValue).to(cookie::setSameSite);
        return cookie;
    }

    /**
     * Just outside Spring Session's filter: what the current request read of the sessions (what its second commit
     * needs; a session it ended, or whose id it changed, is not taken from here), and its revision cookie.
     */
    static final class OneReadPerRequest implements Filter {

        private final CookieSerializer revisionCookie;

        /** With the revision cookie's defaults: HttpOnly, SameSite=Lax, Secure on HTTPS. */
        OneReadPerRequest() {
            this(revisionCookie(new org.springframework.boot.web.server.Cookie()));
        }

        OneReadPerRequest(CookieSerializer revisionCookie) {
            this.revisionCookie = revisionCookie;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (RequestScope.CURRENT.get() != null || !(request instanceof HttpServletRequest http)
                    || !(response instanceof HttpServletResponse httpResponse)) {
                // a dispatch inside the request (an error page): the request's own scope holds
                chain.doFilter(request, response);
                return;
            }
            RequestScope.CURRENT.set(new RequestScope(http, httpResponse, revisionCookie));
            try {
                chain.doFilter(request, response);
            } finally {
                RequestScope.CURRENT.remove();
            }
        }
    }

    /** One request's view of its sessions. */
    static final class RequestScope {

        static final ThreadLocal<RequestScope> CURRENT = new ThreadLocal<>();

        final Map<String, ThrottledSession<?>> read = new HashMap<>(2);
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final CookieSerializer revisionCookie;
        private String revision;
        private boolean revisionRead;

        RequestScope(HttpServletRequest request, HttpServletResponse response, CookieSerializer revisionCookie) {
            this.request = request;
            this.response = response;
            this.revisionCookie = revisionCookie;
        }

        /** The revision of the session's content this client last received, null if none. */
        String revision() {
            if (!revisionRead) {
                revisionRead = true;
                List<String> values = revisionCookie.readCookieValues(request);
                revision = values.isEmpty() ? null : values.get(0);
            }
            return revision;
        }

        static String newRevision() {
            return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        }

        /**
         * The revision a write of the session stores: a new one, unless the response is already committed (a redirect
         * sent, then an attribute removed) and the client cannot receive it. The write then keeps the revision the
         * client holds, so that its next pages are served from a copy again: a new revision would send them all to
         * the database until the next write. Every copy of the session is dropped all the same (here at once,
         * elsewhere through the feed), so a copy of that revision is read after this write.
         */
        String revisionToWrite() {
            String held = response.isCommitted() ? revision() : null;
            return held != null && !held.isEmpty() ? held : newRevision();
        }

        /**
         * Gives the client the revision just written (null: the session ended, the cookie is cleared), so that its next
         * request, on any node, is not served from an older copy. Written as Spring Session's own cookie is: before the
         * response is committed (the first commit of the session is then); a later write is still seen by the other
         * nodes through the change feed.
         */
        void revisionWritten(String written) {
            revision = written;
            revisionRead = true;
            if (!response.isCommitted()) {
                revisionCookie.writeCookieValue(new CookieSerializer.CookieValue(request, response, written == null ? "" : written));
            }
        }
    }

    /**
     * A session of one request. Its last access time reaches the store only once it has moved by a minute. Served
     * from this node's copy, it reads the copy's bytes; its first write reads the session from the store and
     * writes there.
     */
    static final class ThrottledSession<S extends Session> implements Session {

        private final ThrottledRepository<S> repository;
        /** The session of the store (or, once it was found gone, a session of this request only); null while copied. */
        private Session delegate;
        private final SessionCopies.Copy copy;
        /** The attributes this request took from the copy, by name. */
        private final Map<String, Object> fromCopy;
        /** Its id when read or last saved: the copies to drop elsewhere if the id changes. */
        private String readId;
        /** Anything written to the session but its access time since it was read or saved. */
        private boolean changed;
        private boolean touched;
        /** The access time to store, once it moved by a minute. */
        private Instant touchedAt;
        private boolean created;
        /** Ended on another node: nothing of this request is saved. */
        private boolean gone;

        ThrottledSession(ThrottledRepository<S> repository, S stored, SessionCopies.Copy copy) {
            this.repository = repository;
            this.delegate = stored;
            this.copy = copy;
            this.fromCopy = copy == null ? Map.of() : new HashMap<>();
            this.readId = stored != null ? stored.getId() : copy.id();
        }

        /** Before a write: the session as the store has it (a copy may be a little old). */
        private Session stored() {
            if (delegate == null) {
                S found = repository.read(copy.id());
                if (found != null) {
                    delegate = found;
                    if (touched) {
                        found.setLastAccessedTime(touchedAt);
                    }
                } else {
                    gone = true;
                    MapSession alone = new MapSession(copy.id());
                    alone.setCreationTime(copy.creationTime());
                    alone.setLastAccessedTime(copy.lastAccessedTime());
                    alone.setMaxInactiveInterval(copy.maxInactiveInterval());
                    for (String name : copy.attributeNames()) {
                        alone.setAttribute(name, getAttribute(name));
                    }
                    delegate = alone;
                }
            }
            return delegate;
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            // the JDBC session marks itself changed (an UPDATE at the end of the request) whenever this is called;
            // served from a copy, the access time is written alone (SessionCopies.touch), without reading the session
            if (movedEnough(getLastAccessedTime(), lastAccessedTime)) {
                if (delegate != null) {
                    delegate.setLastAccessedTime(lastAccessedTime);
                }
                touchedAt = lastAccessedTime;
                touched = true;
            }
        }

        private static boolean movedEnough(Instant from, Instant to) {
            return Duration.between(from, to).compareTo(TOUCH_EVERY) >= 0;
        }

        @Override
        public String getId() {
            return delegate != null ? delegate.getId() : copy.id();
        }

        @Override
        public String changeSessionId() {
            String id = stored().changeSessionId();
            changed = true;
            return id;
        }

        @Override
        public <T> T getAttribute(String attributeName) {
            Object value;
            if (fromCopy.containsKey(attributeName)) {
                value = fromCopy.get(attributeName);
            } else if (delegate != null) {
                value = delegate.getAttribute(attributeName);
            } else {
                value = repository.valueOf(copy, attributeName);
                fromCopy.put(attributeName, value);
            }
            @SuppressWarnings("unchecked") // as Spring Session's own sessions: the caller knows what it stored
            T typed = (T) value;
            return typed;
        }

        @Override
        public Set<String> getAttributeNames() {
            return delegate != null ? delegate.getAttributeNames() : copy.attributeNames();
        }

        @Override
        public void setAttribute(String attributeName, Object attributeValue) {
            stored().setAttribute(attributeName, attributeValue);
            if (copy != null) {
                fromCopy.remove(attributeName);
            }
            changed = true;
        }

        @Override
        public void removeAttribute(String attributeName) {
            if (!getAttributeNames().contains(attributeName)) {
                return; // nothing to write: Spring Security removes its log-in error after every log-in, there or not
            }
            stored().removeAttribute(attributeName);
            if (copy != null) {
                fromCopy.remove(attributeName);
            }
            changed = true;
        }

        @Override
        public Instant getCreationTime() {
            return delegate != null ? delegate.getCreationTime() : copy.creationTime();
        }

        @Override
        public Instant getLastAccessedTime() {
            return delegate != null ? delegate.getLastAccessedTime() : copy.lastAccessedTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            stored().setMaxInactiveInterval(interval);
            changed = true;
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return delegate != null ? delegate.getMaxInactiveInterval() : copy.maxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return delegate != null ? delegate.isExpired() : copy.isExpired(Instant.now());
        }
    }
}
