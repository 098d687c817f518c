package fr.adminteleservices.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Issue 18 §4: a page reads its session from the database once. Spring Session's own filter, in front of a
 * repository that counts its reads, read it twice per request (spring-projects/spring-session#1731).
 */
class OneSessionReadPerRequestTest {

    private final CountingRepository store = new CountingRepository();
    private final String id = store.saved("alice").getId();

    @Test
    void aPageReadsItsSessionOnce() throws Exception {
        List<Object> seen = page(true, (request, response) -> {
            seen(request).add(request.getSession(false).getAttribute("user"));
            response.getWriter().write("la page");
            // the response is committed before the end of the request, as every page of the application is
            response.flushBuffer();
        });
        assertThat(seen).containsExactly("alice");
        assertThat(store.reads).containsExactly(id);
    }

    @Test
    void springSessionAloneReadsItTwice() throws Exception {
        page(false, (request, response) -> {
            request.getSession(false).getAttribute("user");
            response.flushBuffer();
        });
        assertThat(store.reads).as("what OneReadPerRequest saves").containsExactly(id, id);
    }

    @Test
    void aSessionWhoseIdChangedIsNotTakenFromTheRequestsReads() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        run(true, response, (request, r) -> {
            request.getSession(false);
            request.changeSessionId(); // a log-in
            r.flushBuffer();
        });
        String newId = store.sessions.keySet().iterator().next();
        assertThat(newId).isNotEqualTo(id);
        assertThat(store.reads).as("the former id looked up again: gone").containsExactly(id, id);
        assertThat(response.getHeaders("Set-Cookie")).anySatisfy(c -> assertThat(c).contains(encode(newId)));
    }

    @Test
    void eachRequestReadsTheStoreAfresh() throws Exception {
        page(true, (request, response) -> response.getWriter().write(String.valueOf(request.getSession(false).getAttribute("user"))));
        store.sessions.get(id).setAttribute("user", "bob"); // another node wrote the session in between
        List<Object> seen = page(true, (request, response) -> seen(request).add(request.getSession(false).getAttribute("user")));
        assertThat(seen).containsExactly("bob");
        assertThat(store.reads).hasSize(2);
    }

    @Test
    void theRevisionCookieTakesTheSessionCookiesSettings() {
        // server.servlet.session.cookie.secure: true on MariaDB, behind a proxy that ends TLS (a plain HTTP request here)
        org.springframework.boot.web.server.Cookie settings = new org.springframework.boot.web.server.Cookie();
        settings.setSecure(true);
        settings.setSameSite(org.springframework.boot.web.server.Cookie.SameSite.STRICT);
        MockHttpServletResponse response = new MockHttpServletResponse();
        SessionAccessThrottle.revisionCookie(settings)
                .writeCookieValue(new CookieSerializer.CookieValue(new MockHttpServletRequest(), response, "r1"));
        assertThat(response.getHeader("Set-Cookie")).startsWith("SESSION_REV=r1;")
                .contains("Secure").contains("HttpOnly").contains("SameSite=Strict");
    }

    private interface Page {
        void serve(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    private List<Object> page(boolean oneRead, Page page) throws Exception {
        return run(oneRead, new MockHttpServletResponse(), page);
    }

    private List<Object> run(boolean oneRead, MockHttpServletResponse response, Page page) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/portail");
        request.setCookies(new Cookie("SESSION", encode(id)));
        List<Object> seen = new ArrayList<>();
        request.setAttribute("seen", seen);
        HttpServlet servlet = new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                page.serve(req, resp);
            }
        };
        Filter sessions = new SessionRepositoryFilter<>(SessionAccessThrottle.throttle(store));
        Filter[] filters = oneRead ? new Filter[] {new SessionAccessThrottle.OneReadPerRequest(), sessions} : new Filter[] {sessions};
        new MockFilterChain(servlet, filters).doFilter(request, response);
        assertThat(SessionAccessThrottle.RequestScope.CURRENT.get()).as("nothing left on the thread").isNull();
        return seen;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> seen(HttpServletRequest request) {
        return (List<Object>) request.getAttribute("seen");
    }

    private static String encode(String sessionId) {
        return Base64.getEncoder().encodeToString(sessionId.getBytes(StandardCharsets.UTF_8));
    }

    /** Spring Session's in-memory repository, counting the reads as the JDBC one would make SELECTs. */
    private static final class CountingRepository extends MapSessionRepository {

        final List<String> reads = new ArrayList<>();
        final Map<String, Session> sessions;

        CountingRepository() {
            this(new ConcurrentHashMap<>());
        }

        private CountingRepository(Map<String, Session> sessions) {
            super(sessions);
            this.sessions = sessions;
        }

        MapSession saved(String user) {
            MapSession session = createSession();
            session.setAttribute("user", user);
            save(session);
            return session;
        }

        @Override
        public MapSession findById(String id) {
            reads.add(id);
            return super.findById(id);
        }
    }
}
