package fr.adminteleservices.accounts;

import static fr.adminteleservices.support.SiecleFixtures.personne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/**
 * processes/password-reset.bpmn through « mot de passe oublié »: a single-use link that expires after a day, and the limits on
 * the requests; on H2 and MariaDB.
 */
abstract class PasswordResetProcessContract extends PortalFamily {

    @Test
    void aPasswordIsResetByASingleUseLinkThatExpiresAfterADay() throws Exception {
        String username = "reset-" + suffix;
        page(activate(caeOf(hugo), "2014-06-05", username, PASSWORD));
        long id = accountId(username);

        mvc.perform(post("/portail/mot-de-passe-oublie").with(csrf()).param("identifiant", username)).andExpect(status().isOk());
        ProcessInstance pi = awaitProcess("password-reset", "RESET-" + id);
        BpmnAwareTests.assertThat(pi).isWaitingAt("EnvoyerLien");
        execute(job(pi));
        String link = linkIn(smtp.getReceivedMessages()[0]);
        String token = link.substring(link.indexOf("jeton=") + 6);
        // the old password works until it is changed
        MockHttpSession before = login(username, PASSWORD);
        assertThat(before).isNotNull();
        mvc.perform(get("/portail").session(before)).andExpect(status().isOk());
        String newPassword = "girafe violette sous la pluie";
        mvc.perform(post("/portail/mot-de-passe").with(csrf()).param("jeton", token).param("motdepasse", newPassword)
                .param("confirmation", newPassword)).andExpect(redirectedUrl("/portail/connexion?nouveau-mot-de-passe"));
        BpmnAwareTests.assertThat(pi).hasPassed("MotDePasseChange").isWaitingAt("PrevenirTitulaire");
        // a session opened before the change (a shared phone, a stranger) is closed by it
        mvc.perform(get("/portail").session(before)).andExpect(redirectedUrl("/portail/connexion?mot-de-passe-change"));
        execute(job(pi));
        BpmnAwareTests.assertThat(pi).isEnded();
        assertThat(smtp.getReceivedMessages()[1].getSubject()).isEqualTo("Votre mot de passe a été changé");
        mvc.perform(formLogin("/portail/connexion").userParameter("identifiant").passwordParam("motdepasse").user(username).password(PASSWORD))
                .andExpect(redirectedUrl("/portail/connexion?erreur"));
        mvc.perform(formLogin("/portail/connexion").userParameter("identifiant").passwordParam("motdepasse").user(username).password(newPassword))
                .andExpect(redirectedUrl("/portail"));
        assertThat(page(mvc.perform(get(link))).getElementById("reset-invalid")).isNotNull();

        // a second link, unused for 24 hours, expires
        mvc.perform(post("/portail/mot-de-passe-oublie").with(csrf()).param("identifiant", username));
        ProcessInstance second = awaitProcess("password-reset", "RESET-" + id);
        execute(job(second));
        String late = linkIn(smtp.getReceivedMessages()[2]);
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofHours(24)).plusSeconds(60)));
        execute(job(second));
        BpmnAwareTests.assertThat(second).hasPassed("LienExpire", "InvaliderLien").isEnded();
        assertThat(page(mvc.perform(get(late))).getElementById("reset-invalid")).isNotNull();
    }

    @Test
    void forgottenPasswordRequestsAreLimitedPerAccountAndPerAddressWithTheSameAnswerForAll() throws Exception {
        String username = "oubli-" + suffix;
        page(activate(caeOf(hugo), "2014-06-05", username, PASSWORD));
        long id = accountId(username);
        String address = "10.7." + (suffix.hashCode() & 0x7f) + ".1";
        String known = null;
        for (int i = 0; i < 20; i++) {
            String from = i0(address, i);
            String answer = mvc.perform(post("/portail/mot-de-passe-oublie").with(csrf()).param("identifiant", username)
                            .with(r -> { r.setRemoteAddr(from); return r; }))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            known = known == null ? answer : known;
            assertThat(answer).isEqualTo(known);
        }
        String unknown = mvc.perform(post("/portail/mot-de-passe-oublie").with(csrf()).param("identifiant", "personne-" + suffix))
                .andReturn().getResponse().getContentAsString();
        assertThat(unknown.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", ""))
                .isEqualTo(known.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", ""));
        // 20 requests from several addresses: the account got 3 links, no more
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> resets(id) == 3);
        Thread.sleep(500);
        assertThat(resets(id)).isEqualTo(3);

        // one address stops at its limit, whatever account it names
        String flooder = "10.6." + (suffix.hashCode() & 0x7f) + ".9";
        for (int i = 0; i < 10; i++) {
            mvc.perform(post("/portail/mot-de-passe-oublie").with(csrf()).param("identifiant", "x" + i + "-" + suffix)
                    .with(r -> { r.setRemoteAddr(flooder); return r; }));
        }
        String other = "oubli2-" + suffix;
        page(activate(caeOf(lea), "2012-04-03", other, PASSWORD));
        long otherId = accountId(other);
        mvc.perform(post("/portail/mot-de-passe-oublie").with(csrf()).param("identifiant", other)
                .with(r -> { r.setRemoteAddr(flooder); return r; })).andExpect(status().isOk());
        Thread.sleep(1_000);
        assertThat(resets(otherId)).isZero();
    }
}
