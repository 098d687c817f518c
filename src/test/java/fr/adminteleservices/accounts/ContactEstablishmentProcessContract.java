package fr.adminteleservices.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.settings.SettingsUpdate;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/**
 * processes/contact-establishment.bpmn: a guardian writes to the establishment, which replies to the account; on H2 and MariaDB.
 */
abstract class ContactEstablishmentProcessContract extends PortalFamily {

    @Test
    void aGuardianWritesToTheEstablishmentWhichRepliesToTheAccount() throws Exception {
        settings.update(uai, SettingsUpdate.contact("ce." + uai + "@example.com", true), "test");
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(1))));
        replication.runNow("test");
        String username = "contact-" + suffix;
        page(activate(carOf(lea), "2012-04-03", username, PASSWORD));
        ProcessInstance account = process("portal-account", "ACCOUNT-" + accountId(username));
        execute(job(account));
        mvc.perform(get(linkIn(smtp.getReceivedMessages()[0])));
        MockHttpSession session = login(username, PASSWORD);
        assertThat(page(mvc.perform(get("/portail").session(session))).select(".contact a").attr("href"))
                .isEqualTo("/portail/contact/" + uai);

        // a line break in the subject is refused (no header injection), nothing is sent
        Document refused = page(mvc.perform(post("/portail/contact/" + uai).session(session).with(csrf())
                .param("objet", "Absence\r\nBcc: tous@example.org").param("message", "Bonjour")));
        assertThat(refused.getElementById("subject-error").text()).contains("une seule ligne");
        mvc.perform(post("/portail/contact/" + uai).session(session).param("objet", "Sans jeton").param("message", "CSRF"))
                .andExpect(status().isForbidden());

        mvc.perform(post("/portail/contact/" + uai).session(session).with(csrf()).param("objet", "Absence de Léa lundi")
                .param("message", "Bonjour,\nLéa sera absente lundi matin.\nCordialement")).andExpect(redirectedUrl("/portail"));
        long messageId = jdbc.queryForObject("select id from portal_contact_message where uai = ?", Long.class, uai);
        ProcessInstance pi = process("contact-establishment", "CONTACT-" + messageId);
        BpmnAwareTests.assertThat(pi).isWaitingAt("EnvoyerMessage");
        execute(job(pi));
        BpmnAwareTests.assertThat(pi).isEnded();
        List<MimeMessage> sent = List.of(smtp.getReceivedMessages()).subList(1, 3);
        MimeMessage toSchool = sent.stream().filter(m -> recipient(m).startsWith("ce.")).findFirst().orElseThrow();
        MimeMessage copy = sent.stream().filter(m -> recipient(m).equals("paul.martin@example.fr")).findFirst().orElseThrow();
        assertThat(toSchool.getAllRecipients()[0].toString()).isEqualTo("ce." + uai + "@example.com");
        assertThat(toSchool.getReplyTo()[0].toString()).isEqualTo("paul.martin@example.fr");
        assertThat(toSchool.getSubject()).isEqualTo("[Téléservices] Absence de Léa lundi");
        assertThat(text(toSchool)).startsWith("Message de : M. Martin Paul");
        assertThat(copy.getAllRecipients()[0].toString()).isEqualTo("paul.martin@example.fr");
        assertThat(text(copy)).contains("Léa sera absente lundi matin").doesNotContain("ce." + uai);
        assertThat(copy.getFrom()[0].toString()).doesNotContain("ce." + uai);

        // an establishment without a child of the account: nothing to write to
        String other = fixtures.another();
        mvc.perform(get("/portail/contact/" + other).session(session)).andExpect(status().isNotFound());
    }
}
