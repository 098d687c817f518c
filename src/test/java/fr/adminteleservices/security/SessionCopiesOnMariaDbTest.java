package fr.adminteleservices.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.adminteleservices.support.MariaDbTest;
import jakarta.servlet.Filter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.MapSession;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Issue 18 §4: a node serves a page from its own copy of the session, and the database stays the truth. Two
 * « nodes » here are two stacks of Spring Session's filter, {@link SessionAccessThrottle}'s repository and
 * {@link SessionCopies} on the same MariaDB, nothing shared in memory, each with its own clock for the feed's
 * freshness; a {@link Browser} keeps its cookies as a browser does.
 */
@MariaDbTest
// the context of SharedSessionsOnMariaDbTest (Spring Session on), not a new one
@TestPropertySource(properties = "spring.autoconfigure.exclude=")
class SessionCopiesOnMariaDbTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    SessionChangeMapper changes;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ExpiredSessions expiredSessions;

    private final Node a = new Node();
    private final Node b = new Node();

    @Test
    void aSignedInReaderIsServedFromTheNodesCopyWithoutReadingTheDatabase() throws Exception {
        Browser parent = new Browser();
        parent.visit(a, (request, response) -> request.getSession(true).setAttribute("user", "alice"));
        assertThat(parent.cookies).containsKeys("SESSION", SessionCopies.REVISION_COOKIE);
        a.poll();

        List<Object> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            seen.add(parent.read(a, "user"));
        }
        assertThat(seen).containsExactly("alice", "alice", "alice");
        assertThat(a.reads).as("the first page read the session and kept a copy; the next two read nothing").hasSize(1);
        assertThat(a.copies.size()).isEqualTo(1);
    }

    @Test
    void pagesServedFromTheSameCopyShareOnlyWhatNoneCanChange() throws Exception {
        Browser parent = new Browser();
        parent.visit(a, (request, response) -> {
            HttpSession session = request.getSession(true);
            session.setAttribute("SPRING_SECURITY_CONTEXT", new SecurityContextImpl(
                    UsernamePasswordAuthenticationToken.authenticated("parent.dupont", null, List.of(new SimpleGrantedAuthority("ROLE_PARENT")))));
            session.setAttribute("children", new ArrayList<>(List.of("Léa")));
        });
        a.poll();
        List<Object> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            parent.visit(a, (request, response) -> {
                seen.add(request.getSession(false).getAttribute("SPRING_SECURITY_CONTEXT"));
                seen.add(request.getSession(false).getAttribute("children"));
            });
        }
        SecurityContext second = (SecurityContext) seen.get(2);
        SecurityContext third = (SecurityContext) seen.get(4);
        assertThat(third).as("each page its own context").isNotSameAs(second);
        assertThat(third.getAuthentication()).as("around the same authentication").isSameAs(second.getAuthentication());
        assertThat(third.getAuthentication().getName()).isEqualTo("parent.dupont");
        second.setAuthentication(null); // a log-out empties its own page's context
        assertThat(third.getAuthentication()).isNotNull();
        assertThat(seen.get(5)).as("a list, deserialised for each page").isNotSameAs(seen.get(3)).isEqualTo(List.of("Léa"));
    }

    @Test
    void aClientSeesItsOwnWriteAtOnceOnAnotherNodeThatHeldACopy() throws Exception {
        Browser parent = signedIn(a);
        b.poll();
        parent.read(a, "user");
        parent.read(b, "user");
        int readsOnA = a.reads.size();

        // a form on B leaves a message in the session, its redirection lands on A before A reads the feed
        parent.visit(b, (request, response) -> request.getSession(false).setAttribute("flash", "Les codes sont envoyés."));
        assertThat(parent.read(a, "flash")).isEqualTo("Les codes sont envoyés.");
        assertThat(a.reads).as("the new revision made A read the database").hasSize(readsOnA + 1);
    }

    @Test
    void aWriteAfterTheResponseIsCommittedKeepsTheClientsRevisionAndReachesTheOtherNodesThroughTheFeed() throws Exception {
        Browser parent = signedIn(a);
        b.poll();
        parent.read(b, "user"); // B holds a copy
        String revision = parent.cookies.get(SessionCopies.REVISION_COOKIE);

        // a redirection sent (the session written, a new revision in the cookie), then one more attribute: the client
        // cannot receive another revision
        parent.visit(a, (request, response) -> {
            request.getSession(false).setAttribute("flash", "Les codes sont envoyés.");
            response.sendRedirect("/portail");
            request.getSession(false).setAttribute("late", "écrit après la redirection");
        });
        String afterRedirect = parent.cookies.get(SessionCopies.REVISION_COOKIE);
        assertThat(afterRedirect).isNotEqualTo(revision);

        int readsOnA = a.reads.size();
        assertThat(parent.read(a, "late")).isEqualTo("écrit après la redirection");
        assertThat(parent.read(a, "late")).isEqualTo("écrit après la redirection");
        assertThat(a.reads).as("the client's revision is still the session's: one read, then the copy").hasSize(readsOnA + 1);
        assertThat(parent.cookies.get(SessionCopies.REVISION_COOKIE)).isEqualTo(afterRedirect);

        b.poll();
        assertThat(parent.read(b, "late")).as("B's copy dropped through the feed").isEqualTo("écrit après la redirection");
    }

    @Test
    void aLogOutOnOneNodeEndsTheSessionOnTheOtherAtItsNextReadOfTheFeed() throws Exception {
        Browser parent = signedIn(a);
        parent.read(a, "user");
        Browser thief = parent.copy(); // the cookies taken before the log-out

        parent.visit(b, (request, response) -> request.getSession(false).invalidate());
        assertThat(parent.cookies).as("the browser forgets both cookies").doesNotContainKeys("SESSION", SessionCopies.REVISION_COOKIE);

        // until A reads the feed (changes-polled-every, 250 ms) its copy would still serve the stolen cookies
        a.poll();
        List<Object> seen = new ArrayList<>();
        thief.visit(a, (request, response) -> seen.add(request.getSession(false)));
        assertThat(seen).containsExactly((Object) null);
    }

    @Test
    void aNewIdAtLogInEndsTheFormerIdOnEveryNode() throws Exception {
        Browser visitor = new Browser();
        visitor.visit(a, (request, response) -> request.getSession(true).setAttribute("csrf", "jeton"));
        a.poll();
        visitor.visit(a, (request, response) -> request.getSession(false).getAttribute("csrf"));
        Browser fixation = visitor.copy(); // an attacker who planted the id before the log-in

        visitor.visit(b, (request, response) -> {
            request.changeSessionId();
            request.getSession(false).setAttribute("user", "alice");
        });
        a.poll();
        List<Object> seen = new ArrayList<>();
        fixation.visit(a, (request, response) -> seen.add(request.getSession(false)));
        assertThat(seen).as("the former id").containsExactly((Object) null);
        visitor.visit(a, (request, response) -> seen.add(request.getSession(false).getAttribute("user")));
        assertThat(seen).endsWith("alice");
    }

    @Test
    void aCopyInUseWritesItsAccessTimeOnceAMinuteWithoutReadingTheSession() throws Exception {
        Browser parent = signedIn(a);
        parent.read(a, "user");
        String id = a.reads.get(0);
        int reads = a.reads.size();
        // the parent read on for two minutes, from A's copy: its access time is two minutes old
        Instant twoMinutesAgo = Instant.now().minus(Duration.ofMinutes(2));
        jdbc.update("update SPRING_SESSION set LAST_ACCESS_TIME = ?, EXPIRY_TIME = ? where SESSION_ID = ?",
                twoMinutesAgo.toEpochMilli(), twoMinutesAgo.plus(Duration.ofMinutes(30)).toEpochMilli(), id);
        a.copies.touched(id, parent.cookies.get(SessionCopies.REVISION_COOKIE), twoMinutesAgo);

        long before = System.currentTimeMillis();
        parent.read(a, "user");
        Map<String, Object> row = jdbc.queryForMap("select LAST_ACCESS_TIME, EXPIRY_TIME from SPRING_SESSION where SESSION_ID = ?", id);
        long lastAccess = ((Number) row.get("LAST_ACCESS_TIME")).longValue();
        assertThat(lastAccess).isGreaterThanOrEqualTo(before);
        assertThat(((Number) row.get("EXPIRY_TIME")).longValue()).isEqualTo(lastAccess + Duration.ofMinutes(30).toMillis());
        parent.read(a, "user");
        assertThat(a.reads).as("the access time written alone, the copy kept with it").hasSize(reads);
    }

    @Test
    void withoutTheRevisionCookieOrAFreshFeedEveryPageReadsTheDatabase() throws Exception {
        Browser parent = signedIn(a);
        parent.read(a, "user");
        int reads = a.reads.size();

        Browser apiClient = parent.copy();
        apiClient.cookies.remove(SessionCopies.REVISION_COOKIE);
        apiClient.read(a, "user");
        assertThat(a.reads).as("a client without the revision").hasSize(reads + 1);

        // the feed unread for longer than four of its periods and a second: no copy is trusted
        a.clock.addAndGet(Duration.ofSeconds(3).toNanos());
        parent.read(a, "user");
        assertThat(a.reads).hasSize(reads + 2);
        a.poll();
        parent.read(a, "user");
        assertThat(a.reads).as("trusted again after a poll").hasSize(reads + 2);
    }

    @Test
    void aReadBegunBeforeADropIsNotKeptAndAnIdleCopyIsNotServed() {
        MapSession session = new MapSession();
        session.setAttribute(SessionCopies.REVISION, "r1");
        a.poll();
        long readStarts = a.copies.readStarts();
        a.copies.drop(List.of(session.getId()));
        a.copies.keep(session, readStarts);
        assertThat(a.copies.find(session.getId(), "r1", Instant.now())).as("read before the drop").isNull();

        a.copies.keep(session, a.copies.readStarts() + 1);
        assertThat(a.copies.find(session.getId(), "r1", Instant.now())).isNotNull();
        assertThat(a.copies.find(session.getId(), "r0", Instant.now())).as("another revision").isNull();
        assertThat(a.copies.find(session.getId(), "r1", Instant.now().plus(Duration.ofMinutes(31))))
                .as("past the idle timeout").isNull();
    }

    @Test
    void theFeedKeepsAFewMinutes() {
        String old = "00000000-0000-0000-0000-0000000000aa";
        jdbc.update("insert into session_change (changed_at, session_id) values (?, ?)",
                changes.now().minusHours(1), old);
        changes.insertChanges(List.of("00000000-0000-0000-0000-0000000000bb"));
        jdbc.update("delete from shedlock where name = 'expired-sessions'");
        expiredSessions.delete();
        assertThat(jdbc.queryForList("select session_id from session_change where session_id like '00000000-%'", String.class))
                .contains("00000000-0000-0000-0000-0000000000bb").doesNotContain(old);
    }

    /** A parent who signed in on {@code node}, which has read the feed since (its copies are trusted). */
    private static Browser signedIn(Node node) throws Exception {
        Browser parent = new Browser();
        parent.visit(node, (request, response) -> request.getSession(true).setAttribute("user", "alice"));
        node.poll();
        return parent;
    }

    private interface Page {
        void serve(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    /** One node: its repository on the shared database, its copies, its clock. */
    private final class Node {

        final AtomicLong clock = new AtomicLong();
        final List<String> reads = new ArrayList<>();
        SessionCopies copies;
        private SessionRepository<?> repository;

        void poll() {
            start();
            copies.poll();
        }

        private void start() {
            if (copies == null) {
                // every reading of the clock a nanosecond later: the order of reads and drops is what matters here
                copies = new SessionCopies(changes, 1 << 20, Duration.ofMillis(250), clock::incrementAndGet);
                JdbcIndexedSessionRepository store = new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource),
                        new SessionTransactions(transactions, changes::insertChanges));
                repository = SessionAccessThrottle.throttle(counting(store), copies);
            }
        }

        private <S extends Session> SessionRepository<S> counting(SessionRepository<S> store) {
            return new SessionRepository<>() {
                @Override
                public S createSession() {
                    return store.createSession();
                }

                @Override
                public void save(S session) {
                    store.save(session);
                }

                @Override
                public S findById(String id) {
                    reads.add(id);
                    return store.findById(id);
                }

                @Override
                public void deleteById(String id) {
                    store.deleteById(id);
                }
            };
        }

        MockHttpServletResponse serve(MockHttpServletRequest request, Page page) throws Exception {
            start();
            HttpServlet servlet = new HttpServlet() {
                @Override
                protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                    page.serve(req, resp);
                    resp.getWriter().write("la page");
                    resp.flushBuffer(); // committed before the end of the request, as every page of the application
                }
            };
            MockHttpServletResponse response = new MockHttpServletResponse();
            Filter sessions = new SessionRepositoryFilter<>(repository);
            new MockFilterChain(servlet, new SessionAccessThrottle.OneReadPerRequest(), sessions).doFilter(request, response);
            return response;
        }
    }

    /** A browser's cookies: sent with every request, set and cleared by the answers. */
    private static final class Browser {

        final Map<String, String> cookies = new LinkedHashMap<>();

        void visit(Node node, Page page) throws Exception {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/portail");
            request.setCookies(cookies.entrySet().stream().map(c -> new Cookie(c.getKey(), c.getValue())).toArray(Cookie[]::new));
            MockHttpServletResponse response = node.serve(request, page);
            for (String header : response.getHeaders("Set-Cookie")) {
                String pair = header.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (header.contains("Max-Age=0") || value.isEmpty()) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
        }

        /** A page that reads one attribute of the session; null without a session. */
        Object read(Node node, String attribute) throws Exception {
            Object[] value = new Object[1];
            visit(node, (request, response) -> {
                HttpSession session = request.getSession(false);
                value[0] = session == null ? null : session.getAttribute(attribute);
            });
            return value[0];
        }

        Browser copy() {
            Browser copy = new Browser();
            copy.cookies.putAll(cookies);
            return copy;
        }
    }
}
