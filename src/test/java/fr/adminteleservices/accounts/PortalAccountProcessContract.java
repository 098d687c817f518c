package fr.adminteleservices.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.support.Heads;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/**
 * processes/portal-account.bpmn through the portal's screens: confirmation by the e-mail's link, seven days without it, a student's
 * account confirmed at once, the confirmation sent again; on H2 and MariaDB.
 */
abstract class PortalAccountProcessContract extends PortalFamily {

    @Test
    void aGuardianConfirmsTheAccountByTheLinkThenLogsInAndSeesTheChild() throws Exception {
        String username = "paul-" + suffix;
        // a wrong birth date and a wrong code get the same answer
        Document wrongDate = page(activate(carOf(lea), "2012-04-04", username, PASSWORD));
        Document wrongCode = page(activate("22222-33333-44444", "2012-04-03", username, PASSWORD));
        assertThat(wrongDate.getElementById("code-error").text()).isEqualTo(wrongCode.getElementById("code-error").text())
                .startsWith("Le code d'activation ou la date de naissance est incorrect.");
        assertThat(jdbc.queryForObject("select count(*) from portal_account where username = ?", Integer.class, username)).isZero();

        Document created = page(activate(carOf(lea), "2012-04-03", username, PASSWORD));
        assertThat(created.getElementById("activated").text()).contains("Confirmez votre compte", "dans les 7 jours");
        long id = accountId(username);
        ProcessInstance pi = process("portal-account", "ACCOUNT-" + id);
        BpmnAwareTests.assertThat(pi).isWaitingAt("EnvoyerConfirmation");
        // provisional: no log-in yet
        mvc.perform(formLogin("/portail/connexion").userParameter("identifiant").passwordParam("motdepasse").user(username).password(PASSWORD))
                .andExpect(redirectedUrl("/portail/connexion?provisoire"));

        execute(job(pi));
        BpmnAwareTests.assertThat(pi).isWaitingAt("EnAttenteConfirmation");
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Confirmez la création de votre compte téléservices");
        String link = linkIn(mail);
        // templates/portal/mail/account-confirmation.txt, with the delay of the deployed timer
        assertThat(text(mail)).contains("Vous avez créé le compte « " + username + " »", "ouvrez ce lien dans les 7 jours :", link,
                "Merci de ne pas répondre à ce message.");
        mvc.perform(get(link)).andExpect(redirectedUrl("/portail/connexion?confirme"));
        BpmnAwareTests.assertThat(pi).hasPassed("CompteConfirme", "MarquerCodeUtilise").isEnded();
        assertThat(jdbc.queryForObject("select state from portal_account where id = ?", String.class, id)).isEqualTo("CONFIRMED");
        assertThat(jdbc.queryForObject("select used_at from guardian_code where valid_link_id = ?", Instant.class, linkOf(lea))).isNotNull();
        // single use
        assertThat(page(mvc.perform(get(link))).getElementById("confirmation-failed")).isNotNull();

        MockHttpSession session = login(username, PASSWORD);
        Document home = page(mvc.perform(get("/portail").session(session)));
        assertThat(home.getElementById("children").text()).contains("Léa Martin", "3A", "Collège d'essai " + uai);
        assertThat(home.select(".services li").eachText()).contains("Consultation des notes");
        assertThat(jdbc.queryForObject("select last_login_at from portal_account where id = ?", Instant.class, id)).isNotNull();

        // the portal's session reaches nothing of the administration
        mvc.perform(get("/etablissements/" + uai).session(session)).andExpect(redirectedUrlPattern("**/login"));
        mvc.perform(get("/camunda/app/cockpit/default/").session(session)).andExpect(redirectedUrlPattern("**/login"));
        mvc.perform(get("/api/establishments/" + uai + "/students").session(session)).andExpect(status().isUnauthorized());
        mvc.perform(get("/engine-rest/process-instance").session(session)).andExpect(status().isUnauthorized());
    }

    @Test
    void aProvisionalAccountIsDeletedAfterSevenDaysAndTheCodeServesAgain() throws Exception {
        String code = carOf(lea);
        String username = "paul7-" + suffix;
        page(activate(code, "2012-04-03", username, PASSWORD));
        long id = accountId(username);
        ProcessInstance pi = process("portal-account", "ACCOUNT-" + id);
        execute(job(pi));
        String link = linkIn(smtp.getReceivedMessages()[0]);
        // the code is taken while the account waits
        assertThat(page(activate(code, "2012-04-03", "autre-" + suffix, PASSWORD)).getElementById("code-error").text())
                .contains("déjà servi");

        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(7)).plusSeconds(60)));
        execute(job(pi));
        BpmnAwareTests.assertThat(pi).hasPassed("SeptJoursSansConfirmation", "SupprimerCompteProvisoire").isEnded();
        assertThat(jdbc.queryForObject("select count(*) from portal_account where id = ?", Integer.class, id)).isZero();
        assertThat(jdbc.queryForObject("select used_at from guardian_code where valid_link_id = ?", Instant.class, linkOf(lea))).isNull();
        // the account funnel keeps what the deletion erased: this code's family tried and lost the confirmation
        assertThat(jdbc.queryForList("select x.kind from expired_confirmation x join guardian_code c on c.id = x.code_id"
                + " where x.account_id = ? and c.valid_link_id = ?", String.class, id, linkOf(lea))).containsExactly("CAR");
        assertThat(page(mvc.perform(get(link))).getElementById("confirmation-failed")).isNotNull();

        assertThat(page(activate(code, "2012-04-03", "autre-" + suffix, PASSWORD)).getElementById("activated")).isNotNull();
    }

    @Test
    void aStudentAccountIsConfirmedAtOnce() throws Exception {
        String username = "lea-" + suffix;
        Document created = page(activate(caeOf(lea), "2012-04-03", username, PASSWORD));
        assertThat(created.getElementById("activated").text()).contains("Votre compte est prêt");
        long id = accountId(username);
        assertThat(process("portal-account", "ACCOUNT-" + id)).isNull();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey("ACCOUNT-" + id)
                .singleResult().getEndActivityId()).isEqualTo("CompteValide");
        assertThat(jdbc.queryForObject("select used_at from student_code c join student s on s.id = c.valid_student_id "
                + "where s.uai = ? and s.eleve_id = ?", Instant.class, uai, lea)).isNotNull();
        assertThat(page(mvc.perform(get("/portail").session(login(username, PASSWORD)))).getElementById("children").text())
                .contains("Léa Martin");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aLostOrMisaddressedConfirmationIsSentAgainWithoutExtendingTheSevenDays() throws Exception {
        String username = "renvoi-" + suffix;
        String code = carOf(lea);
        page(mvc.perform(post("/portail/activation").with(csrf()).with(client()).param("code", code).param("naissance", "2012-04-03")
                .param("identifiant", username).param("courriel", "paul.martn@exmple.fr").param("motdepasse", PASSWORD)
                .param("confirmation", PASSWORD)));
        long id = accountId(username);
        ProcessInstance pi = process("portal-account", "ACCOUNT-" + id);
        execute(job(pi));
        String lostLink = linkIn(smtp.getReceivedMessages()[0]);
        java.util.Date deadline = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers().singleResult()
                .getDuedate();

        // the family asks again, with the code, the birth date and the right address
        Document sent = page(mvc.perform(post("/portail/confirmation/renvoi").with(csrf()).with(client()).param("code", code)
                .param("naissance", "2012-04-03").param("courriel", "paul.martin@example.fr")));
        assertThat(sent.getElementById("resend-sent").text()).contains("paul.martin@example.fr");
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(recipient(smtp.getReceivedMessages()[1])).isEqualTo("paul.martin@example.fr");
        String newLink = linkIn(smtp.getReceivedMessages()[1]);
        // the new link replaces the former one; the 7 days still count from the creation
        assertThat(page(mvc.perform(get(lostLink))).getElementById("confirmation-failed")).isNotNull();
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers().singleResult().getDuedate())
                .isEqualTo(deadline);
        // a wrong birth date gets the wrong code's answer
        assertThat(page(mvc.perform(post("/portail/confirmation/renvoi").with(csrf()).with(client()).param("code", code)
                .param("naissance", "2012-04-04"))).getElementById("code-error").text())
                .startsWith("Le code d'activation ou la date de naissance est incorrect.");

        // the head can send it too, from the account panel (API here), while the account is provisional
        mvc.perform(post("/api/establishments/" + uai + "/accounts/" + id + "/confirmation-link").with(Heads.headOf(uai)))
                .andExpect(status().isAccepted());
        assertThat(smtp.getReceivedMessages()).hasSize(3);
        String headsLink = linkIn(smtp.getReceivedMessages()[2]);
        assertThat(page(mvc.perform(get(newLink))).getElementById("confirmation-failed")).isNotNull();
        mvc.perform(get(headsLink)).andExpect(redirectedUrl("/portail/connexion?confirme"));
        mvc.perform(post("/api/establishments/" + uai + "/accounts/" + id + "/confirmation-link").with(Heads.headOf(uai)))
                .andExpect(status().isConflict());
        // another establishment's head does not reach it
        String other = fixtures.another();
        mvc.perform(post("/api/establishments/" + other + "/accounts/" + id + "/confirmation-link").with(Heads.headOf(other)))
                .andExpect(status().isNotFound());
    }
}
