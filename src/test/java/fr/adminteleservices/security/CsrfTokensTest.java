package fr.adminteleservices.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.support.H2Test;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** The forms' CSRF token: masked afresh on every page from each thread's own generator, and still checked. */
@H2Test
class CsrfTokensTest {

    private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    @Autowired
    MockMvc mvc;

    @Test
    void everyRequestThreadDrawsFromItsOwnGenerator() throws Exception {
        CsrfTokens.PerThreadSecureRandom random = CsrfTokens.PerThreadSecureRandom.INSTANCE;
        SecureRandom here = random.current();
        SecureRandom there = CompletableFuture.supplyAsync(random::current).get();
        assertThat(here).isNotSameAs(there);
        assertThat(here.getAlgorithm()).isEqualTo("DRBG");
        assertThat(random.current()).as("kept for the thread").isSameAs(here);

        byte[] first = new byte[32];
        byte[] second = new byte[32];
        random.nextBytes(first);
        random.nextBytes(second);
        assertThat(first).isNotEqualTo(second).isNotEqualTo(new byte[32]);
    }

    @Test
    void thePortalsLogInFormTakesItsMaskedTokenAndRefusesAnother() throws Exception {
        formTakesItsMaskedTokenAndRefusesAnother("/portail/connexion",
                "identifiant", "motdepasse", "/portail/connexion?erreur");
    }

    @Test
    void theAdministratorsLogInFormTakesItsMaskedTokenAndRefusesAnother() throws Exception {
        formTakesItsMaskedTokenAndRefusesAnother("/login", "username", "password", "/login?erreur");
    }

    private void formTakesItsMaskedTokenAndRefusesAnother(String page, String user, String password, String refused)
            throws Exception {
        MockHttpSession session = new MockHttpSession();
        String first = token(page, session);
        String second = token(page, session);
        // one token per session, masked differently on each page (BREACH)
        assertThat(first).isNotEqualTo(second);

        mvc.perform(post(page).session(session).param(user, "inconnu").param(password, "faux").param("_csrf", first))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(refused));
        // altered on the way: the same length, other bytes (Spring Security's own handler answers 500 to this one)
        mvc.perform(post(page).session(session).param(user, "inconnu").param(password, "faux")
                        .param("_csrf", first.substring(0, first.length() - 4) + "AAAA"))
                .andExpect(status().isForbidden());
        mvc.perform(post(page).session(session).param(user, "inconnu").param(password, "faux").param("_csrf", "xyz"))
                .andExpect(status().isForbidden());
        mvc.perform(post(page).session(session).param(user, "inconnu").param(password, "faux"))
                .andExpect(status().isForbidden());
    }

    private String token(String page, MockHttpSession session) throws Exception {
        String html = mvc.perform(get(page).session(session)).andReturn().getResponse().getContentAsString();
        Matcher m = TOKEN.matcher(html);
        assertThat(m.find()).as("a _csrf field on %s", page).isTrue();
        return m.group(1);
    }
}
