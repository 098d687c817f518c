package fr.adminteleservices.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.support.Heads;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Log-in throttling (administrators and portal), on H2 and MariaDB (the buckets are rows of the database):
 * wrong passwords slow down their (log-in, address) only, never the real user elsewhere, and nothing is
 * locked for good — Camunda's own permanent lock is off.
 */
abstract class LoginThrottleContract {

    @Autowired
    MockMvc mvc;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    Directory directory;
    @Autowired
    IdentityService identity;
    @Autowired
    javax.sql.DataSource dataSource;

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void wrongPasswordsFromOneAddressSlowThatAddressOnlyAndNothingIsLockedForGood() throws Exception {
        String uai = Heads.newEstablishmentWithHead(establishments, directory);
        String user = Heads.username(uai);
        String right = Heads.password(uai);

        for (int i = 0; i < 10; i++) {
            login(user, "mauvais-" + i, "10.1.1.1").andExpect(redirectedUrl("/login?erreur"));
        }
        // the attacker's address is slowed down, even with the right password...
        login(user, "mauvais", "10.1.1.1").andExpect(redirectedUrl("/login?attente"));
        login(user, right, "10.1.1.1").andExpect(redirectedUrl("/login?attente"));
        mvc.perform(basic(get("/api/establishments/" + uai), user, right, "10.1.1.1")).andExpect(status().isUnauthorized());
        // ...the real user, from elsewhere, is not
        login(user, right, "10.2.2.2").andExpect(redirectedUrl("/"));
        mvc.perform(basic(get("/api/establishments/" + uai), user, right, "10.3.3.3")).andExpect(status().isOk());
        // and Camunda never locked the account (its lock came after 10 wrong passwords, for good)
        for (int i = 0; i < 15; i++) {
            assertThat(identity.checkPassword(user, "encore-faux")).isFalse();
        }
        assertThat(identity.checkPassword(user, right)).isTrue();

        // the back-off is temporary
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofMinutes(16))));
        login(user, right, "10.1.1.1").andExpect(redirectedUrl("/"));
    }

    /** The API's requests authenticate one by one: without a wrong password, they write and lock no bucket row. */
    @Test
    void rightPasswordsLeaveNoBucketToLock() throws Exception {
        String uai = Heads.newEstablishmentWithHead(establishments, directory);
        String user = Heads.username(uai);
        org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        String like = "%" + user.toLowerCase(java.util.Locale.ROOT) + "%";
        for (int i = 0; i < 5; i++) {
            mvc.perform(basic(get("/api/establishments/" + uai), user, Heads.password(uai), "10.4.4.4")).andExpect(status().isOk());
        }
        assertThat(jdbc.queryForObject("select count(*) from login_rate_limit where id like ?", Integer.class, like)).isZero();
        // a wrong one makes its row, and the pair is still let in while tokens are left
        mvc.perform(basic(get("/api/establishments/" + uai), user, "mauvais", "10.4.4.4")).andExpect(status().isUnauthorized());
        assertThat(jdbc.queryForObject("select count(*) from login_rate_limit where id like ?", Integer.class, like)).isEqualTo(1);
        mvc.perform(basic(get("/api/establishments/" + uai), user, Heads.password(uai), "10.4.4.4")).andExpect(status().isOk());
    }

    @Test
    void theAcademyAdministratorCannotBeLockedOutByAStranger() throws Exception {
        for (int i = 0; i < 12; i++) {
            mvc.perform(basic(get("/api/establishments"), "academie", "faux-" + i, "10.9.9.9")).andExpect(status().isUnauthorized());
        }
        mvc.perform(basic(get("/api/establishments"), "academie", "academie", "10.8.8.8")).andExpect(status().isOk());
        assertThat(identity.checkPassword("academie", "academie")).isTrue();
    }

    @Test
    void thePortalsLogInIsThrottledTheSameWay() throws Exception {
        String user = "famille-inconnue-" + System.nanoTime();
        for (int i = 0; i < 10; i++) {
            portalLogin(user, "mauvais-" + i, "10.4.4.4").andExpect(redirectedUrl("/portail/connexion?erreur"));
        }
        portalLogin(user, "mauvais", "10.4.4.4").andExpect(redirectedUrl("/portail/connexion?attente"));
        portalLogin(user, "mauvais", "10.5.5.5").andExpect(redirectedUrl("/portail/connexion?erreur"));
        mvc.perform(get("/portail/connexion").param("attente", "")).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("Trop de tentatives")));
    }

    /**
     * Issue 18: two nodes on one database count the same wrong passwords. Each node is its own LoginThrottle (its
     * own Bucket4j proxy, nothing shared in memory); five wrong passwords on one and five on the other throttle the
     * pair on both.
     */
    @Test
    void twoNodesOnOneDatabaseCountTheSameWrongPasswords() {
        java.time.Clock clock = java.time.Clock.systemUTC();
        LoginThrottle nodeA = new LoginThrottle(dataSource, clock, 10, Duration.ofMinutes(15));
        LoginThrottle nodeB = new LoginThrottle(dataSource, clock, 10, Duration.ofMinutes(15));
        org.springframework.security.authentication.AuthenticationProvider refusing = new org.springframework.security.authentication.AuthenticationProvider() {
            @Override
            public org.springframework.security.core.Authentication authenticate(org.springframework.security.core.Authentication a) {
                throw new org.springframework.security.authentication.BadCredentialsException("mauvais mot de passe");
            }

            @Override
            public boolean supports(Class<?> type) {
                return true;
            }
        };
        var a = nodeA.around("admin", refusing);
        var b = nodeB.around("admin", refusing);
        String user = "chef.cluster" + System.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> a.authenticate(attempt(user, "10.6.6.6")))
                    .isInstanceOf(org.springframework.security.authentication.BadCredentialsException.class);
            assertThatThrownBy(() -> b.authenticate(attempt(user, "10.6.6.6")))
                    .isInstanceOf(org.springframework.security.authentication.BadCredentialsException.class);
        }
        assertThatThrownBy(() -> a.authenticate(attempt(user, "10.6.6.6"))).isInstanceOf(LoginThrottle.Throttled.class);
        assertThatThrownBy(() -> b.authenticate(attempt(user, "10.6.6.6"))).isInstanceOf(LoginThrottle.Throttled.class);
        // another address is not slowed down, on either node
        assertThatThrownBy(() -> b.authenticate(attempt(user, "10.6.6.7")))
                .isInstanceOf(org.springframework.security.authentication.BadCredentialsException.class);
    }

    private static org.springframework.security.authentication.UsernamePasswordAuthenticationToken attempt(String user, String address) {
        var token = org.springframework.security.authentication.UsernamePasswordAuthenticationToken.unauthenticated(user, "faux");
        token.setDetails(new org.springframework.security.web.authentication.WebAuthenticationDetails(address, null));
        return token;
    }

    private org.springframework.test.web.servlet.ResultActions login(String user, String password, String address) throws Exception {
        return mvc.perform(post("/login").param("username", user).param("password", password).with(csrf()).with(from(address)));
    }

    private org.springframework.test.web.servlet.ResultActions portalLogin(String user, String password, String address) throws Exception {
        return mvc.perform(post("/portail/connexion").param("identifiant", user).param("motdepasse", password).with(csrf())
                .with(from(address)));
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder basic(
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String user, String password,
            String address) {
        return request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes()))
                .with(from(address));
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
