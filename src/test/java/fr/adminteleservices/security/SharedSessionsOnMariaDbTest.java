package fr.adminteleservices.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.support.MariaDbTest;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.FlashMap;

/**
 * Issue 18: the HTTP sessions are rows of the database (Spring Session JDBC), so that any node serves any request
 * and a node that stops logs nobody out. « Node B » is a second session repository on the same database, as
 * another JVM has; everything the session holds must come back from its bytes.
 */
@MariaDbTest
// its own context, the only one with Spring Session on: the others exclude it to carry MockMvc's container session
@TestPropertySource(properties = "spring.autoconfigure.exclude=")
class SharedSessionsOnMariaDbTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ExpiredSessions expiredSessions;
    @Autowired
    JdbcIndexedSessionRepository springSessions;
    @Autowired
    TransactionOperations applicationTransactions;

    @Test
    void anAdministratorsSessionIsInTheDatabaseAndAnotherNodeReadsIt() throws Exception {
        Cookie cookie = logIn();
        String id = new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
        assertThat(jdbc.queryForObject("select PRINCIPAL_NAME from SPRING_SESSION where SESSION_ID = ?", String.class, id))
                .isEqualTo("academie");

        Session onNodeB = nodeB().findById(id);
        assertThat(onNodeB).isNotNull();
        SecurityContext security = onNodeB.getAttribute("SPRING_SECURITY_CONTEXT");
        assertThat(security.getAuthentication().getName()).isEqualTo("academie");
        List<Object> attributes = new ArrayList<>();
        for (String name : onNodeB.getAttributeNames()) {
            attributes.add(onNodeB.getAttribute(name)); // each one deserialised from its bytes
        }
        assertThat(attributes).doesNotContainNull();

        // the next request, whichever node it reaches, reads the session from the database
        mvc.perform(get("/").cookie(cookie)).andExpect(status().isOk());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void camundasWebappLogInAndFlashMessagesComeBackFromTheDatabase() {
        SessionRepository<Session> nodeA = (SessionRepository) nodeB();
        SessionRepository<Session> nodeB = (SessionRepository) nodeB();
        Session session = nodeA.createSession();
        Authentications camunda = new Authentications();
        camunda.addOrReplace(new UserAuthentication("academie", "default"));
        session.setAttribute("authenticatedUser", camunda);
        FlashMap flash = new FlashMap();
        flash.put("message", "L'établissement 0990001N est enregistré.");
        session.setAttribute("org.springframework.web.servlet.support.SessionFlashMapManager.FLASH_MAPS", new ArrayList<>(List.of(flash)));
        nodeA.save(session);

        Session read = nodeB.findById(session.getId());
        Authentications back = read.getAttribute("authenticatedUser");
        assertThat(back.getAuthenticationForProcessEngine("default").getIdentityId()).isEqualTo("academie");
        List<FlashMap> flashes = read.getAttribute("org.springframework.web.servlet.support.SessionFlashMapManager.FLASH_MAPS");
        assertThat((Map<String, Object>) flashes.get(0)).containsEntry("message", "L'établissement 0990001N est enregistré.");
    }

    @Test
    void anExpiredSessionIsRefusedThenDeleted() throws Exception {
        Cookie cookie = logIn();
        String id = new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
        // idle for longer than its timeout: last access a day ago
        long dayAgo = System.currentTimeMillis() - 86_400_000L;
        jdbc.update("update SPRING_SESSION set LAST_ACCESS_TIME = ?, EXPIRY_TIME = ? where SESSION_ID = ?", dayAgo, dayAgo + 1, id);
        String to = mvc.perform(get("/").cookie(cookie)).andExpect(status().is3xxRedirection()).andReturn().getResponse()
                .getRedirectedUrl();
        assertThat(to).endsWith("/login");

        jdbc.update("delete from shedlock where name = 'expired-sessions'"); // a purge of the scheduler may hold it
        expiredSessions.delete();
        assertThat(jdbc.queryForObject("select count(*) from SPRING_SESSION where SESSION_ID = ?", Integer.class, id)).isZero();
    }

    @Test
    void aRequestWritesTheSessionsLastAccessAtMostOnceAMinute() throws Exception {
        Cookie cookie = logIn();
        String id = new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
        long stored = lastAccess(id);
        for (int i = 0; i < 3; i++) {
            mvc.perform(get("/").cookie(cookie)).andExpect(status().isOk());
        }
        assertThat(lastAccess(id)).as("pages within a minute of the log-in write nothing").isEqualTo(stored);

        // last written two minutes ago (well within the 30-minute timeout): the next page writes the time of now
        long twoMinutesAgo = System.currentTimeMillis() - 120_000L;
        jdbc.update("update SPRING_SESSION set LAST_ACCESS_TIME = ?, EXPIRY_TIME = ? where SESSION_ID = ?",
                twoMinutesAgo, twoMinutesAgo + 1_800_000L, id);
        long before = System.currentTimeMillis();
        mvc.perform(get("/").cookie(cookie)).andExpect(status().isOk());
        assertThat(lastAccess(id)).isGreaterThanOrEqualTo(before);
        assertThat(jdbc.queryForObject("select EXPIRY_TIME from SPRING_SESSION where SESSION_ID = ?", Long.class, id))
                .isGreaterThanOrEqualTo(before + 1_800_000L);
    }

    @Test
    void springSessionsRepositoryReadsWithoutATransaction() throws Exception {
        assertThat(ReflectionTestUtils.getField(springSessions, "transactionOperations"))
                .as("Spring Boot's repository took the session transactions bean").isInstanceOf(SessionTransactions.class);
        assertThat(applicationTransactions).as("the application's own, injected by type, is still Spring Boot's")
                .isInstanceOf(TransactionTemplate.class);
        Cookie cookie = logIn();
        mvc.perform(get("/").cookie(cookie)).andExpect(status().isOk());
    }

    @Test
    void anAdministratorsLogInThroughTheFormWritesTheSessionTwiceAndTheFirstPageAfterItNothing() throws Exception {
        logInThroughTheForm("/login", "username", "academie", "password", "academie", "/", "/");
    }

    @Test
    void aParentsLogInThroughTheFormWritesTheSessionTwiceAndTheFirstPageAfterItNothing() throws Exception {
        String username = "parent." + java.util.UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("insert into portal_account (username, email, password_hash, holder, state, created_at, confirmed_at)"
                        + " values (?, ?, ?, 'GUARDIAN', 'CONFIRMED', current_timestamp, current_timestamp)",
                username, username + "@example.org", "{bcrypt}" + new BCryptPasswordEncoder(10).encode("cheval agrafe batterie"));
        logInThroughTheForm("/portail/connexion", "identifiant", username, "motdepasse", "cheval agrafe batterie", "/portail", "/portail");
    }

    /**
     * As a browser: the form (an anonymous session with its CSRF token: a first write), the log-in (a new id, the
     * authentication and the next pages' token: a second write, whose revision the browser receives), then the first
     * page, which writes nothing and whose revision is the session's, so that the node's copy serves the next pages.
     */
    private void logInThroughTheForm(String form, String userField, String user, String passwordField, String password,
                                     String landing, String firstPage) throws Exception {
        MvcResult page = mvc.perform(get(form)).andExpect(status().isOk()).andReturn();
        assertThat(page.getResponse().getCookie("SESSION_REV")).as("the form's token: a first write").isNotNull();
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.getResponse().getContentAsString());
        assertThat(token.find()).isTrue();
        MvcResult login = mvc.perform(post(form).cookie(page.getResponse().getCookies())
                        .param(userField, user).param(passwordField, password).param("_csrf", token.group(1)))
                .andExpect(redirectedUrl(landing)).andReturn();
        Cookie session = login.getResponse().getCookie("SESSION");
        Cookie revision = login.getResponse().getCookie("SESSION_REV");
        assertThat(revision).as("the log-in: a second write").isNotNull();
        String id = new String(Base64.getDecoder().decode(session.getValue()), StandardCharsets.UTF_8);
        assertThat(jdbc.queryForObject("select count(*) from SPRING_SESSION_ATTRIBUTES a join SPRING_SESSION s"
                + " on s.PRIMARY_ID = a.SESSION_PRIMARY_ID where s.SESSION_ID = ? and a.ATTRIBUTE_NAME like '%CsrfTokenRepository.CSRF_TOKEN'",
                Integer.class, id)).as("the next pages' token, saved with the log-in").isOne();
        assertThat(revisionOf(id)).as("the log-in's revision").isEqualTo(revision.getValue());

        MvcResult home = mvc.perform(get(firstPage).cookie(session, revision)).andExpect(status().isOk()).andReturn();
        assertThat(home.getResponse().getContentAsString()).contains("name=\"_csrf\"");
        assertThat(home.getResponse().getCookie("SESSION_REV")).as("the page after the log-in writes nothing").isNull();
        assertThat(revisionOf(id)).isEqualTo(revision.getValue());
    }

    private String revisionOf(String sessionId) {
        byte[] bytes = jdbc.queryForObject("select a.ATTRIBUTE_BYTES from SPRING_SESSION_ATTRIBUTES a join SPRING_SESSION s"
                + " on s.PRIMARY_ID = a.SESSION_PRIMARY_ID where s.SESSION_ID = ? and a.ATTRIBUTE_NAME = ?",
                byte[].class, sessionId, SessionCopies.REVISION);
        return (String) new org.springframework.core.serializer.support.DeserializingConverter().convert(bytes);
    }

    private long lastAccess(String sessionId) {
        return jdbc.queryForObject("select LAST_ACCESS_TIME from SPRING_SESSION where SESSION_ID = ?", Long.class, sessionId);
    }

    private Cookie logIn() throws Exception {
        MvcResult login = mvc.perform(post("/login").param("username", "academie").param("password", "academie").with(csrf()))
                .andExpect(redirectedUrl("/")).andReturn();
        Cookie cookie = login.getResponse().getCookie("SESSION");
        assertThat(cookie).as("Spring Session's cookie").isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        Cookie revision = login.getResponse().getCookie("SESSION_REV");
        assertThat(revision).as("the revision of the session (SessionCopies), with the session cookie's settings").isNotNull();
        assertThat(revision.isHttpOnly()).isTrue();
        assertThat(revision.getSecure()).isEqualTo(cookie.getSecure());
        assertThat(revision.getPath()).isEqualTo(cookie.getPath());
        return cookie;
    }

    /** Another node's repository: same database, nothing shared in memory. */
    private JdbcIndexedSessionRepository nodeB() {
        return new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource), new TransactionTemplate(transactions));
    }
}
