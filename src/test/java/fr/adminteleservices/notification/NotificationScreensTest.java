package fr.adminteleservices.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.support.EstablishmentFixtures;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.H2Test;
import fr.adminteleservices.support.Heads;
import java.time.LocalDate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/** « Notifier en masse » (§4.2, §5.1), the summary of a notification, and « Notifier code » (§4.3, §5.2), as a head uses them. */
@H2Test
class NotificationScreensTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    EstablishmentFixtures fixtures;
    @Autowired
    ServiceOpening opening;
    @Autowired
    JdbcTemplate jdbc;

    String uai;
    MockHttpSession session;

    @BeforeEach
    void establishmentWithCodes() throws Exception {
        init(engine);
        uai = fixtures.establishment().families(id -> Families.of(id)
                .student("1", "Martin", "Léa", "03/04/2012", "3A")
                .guardian("10", "M.", "Martin", "Paul", "1").email("paul.martin@example.fr")
                .guardian("11", "Mme", "Martin", "Claire", "2").address("A11", "3 rue des Écoles", "99000", "Essai")
                .student("2", "Bernard", "Hugo", "05/06/2012", "3B")
                .guardian("13", "Mme", "Bernard", "Anne", "1"))
                .open("NOTES").withGuardianCodes().create();
        session = EstablishmentFixtures.headSession(mvc, uai);
    }

    String base() {
        return "/etablissements/" + uai;
    }

    Document page(RequestBuilder request) throws Exception {
        return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    long linkOf(String personneId) {
        return jdbc.queryForObject("select l.id from guardian_link l join guardian g on g.id = l.guardian_id "
                + "where l.uai = ? and g.personne_id = ?", Long.class, uai, personneId);
    }

    void runJobs(String jobId) {
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(jobId).singleResult();
        while (pi != null && engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi.getId()).count() > 0) {
            execute(job(pi));
        }
    }

    @Test
    void theGuardiansListShowsTheAddressesOfTheChosenChannelAndTheContinuityInRed() throws Exception {
        jdbc.update("update guardian_code set continuity_on = ? where valid_link_id = ?", LocalDate.now(java.time.ZoneId.of("Europe/Paris")), linkOf("13"));
        Document none = page(get(base() + "/responsables/notification").session(session));
        assertThat(none.selectFirst("h1").text()).isEqualTo("Notifier en masse");
        assertThat(none.select("nav.fr-sidemenu a").eachText())
                .containsExactly("Créer les codes en masse", "Notifier en masse", "Gérer le code pour un couple");
        assertThat(none.getElementById("choose-channel")).isNotNull();
        assertThat(none.getElementById("couples")).isNull();

        Document email = page(get(base() + "/responsables/notification?courriel=true").session(session));
        assertThat(email.select("#couples thead th").eachText()).containsExactly("Élève", "Division", "Responsable", "Courriel");
        assertThat(email.select("#couples tbody tr td:nth-child(4)").stream().map(org.jsoup.nodes.Element::text).toList()).containsExactly("paul.martin@example.fr", "Aucune adresse électronique", "Aucune adresse électronique");

        Document paper = page(get(base() + "/responsables/notification?papier=true").session(session));
        assertThat(paper.select("#couples thead th").eachText()).containsExactly("Élève", "Division", "Responsable", "Adresse");
        assertThat(paper.select("#couples tbody tr td:nth-child(4)").stream().map(org.jsoup.nodes.Element::text).toList()).containsExactly("Adresse postale inconnue", "3 rue des Écoles 99000 Essai", "Adresse postale inconnue");

        Document both = page(get(base() + "/responsables/notification?courriel=true&papier=true&vue=tous").session(session));
        assertThat(both.select("#couples thead th").eachText())
                .containsExactly("Élève", "Division", "Responsable", "Adresse / courriel", "Date de notification");
        assertThat(both.select("#couples tbody tr td:nth-child(4)").stream().map(org.jsoup.nodes.Element::text).toList())
                .containsExactly("paul.martin@example.fr", "3 rue des Écoles 99000 Essai", "Adresse postale inconnue");
        assertThat(both.select("#couples tr.app-continuity").eachText()).singleElement().asString()
                .contains("Bernard Hugo Continuité");
        assertThat(both.getElementById("continuity-legend")).isNotNull();
        assertThat(email.getElementById("continuity-legend")).isNotNull();

        Document division = page(get(base() + "/responsables/notification?papier=true&division=3B").session(session));
        assertThat(division.select("#couples tbody tr")).hasSize(1);
        assertThat(division.getElementById("no-open-service")).isNull();

        opening.setOpen(uai, "NOTES", false, "test");
        Document closed = page(get(base() + "/responsables/notification?papier=true").session(session));
        assertThat(closed.getElementById("no-open-service").text()).contains("Aucun téléservice n'est ouvert");
    }

    @Test
    void notifyingLeadsToTheProgressThenTheSummaryWithThePdfAndTheGuideMessages() throws Exception {
        String location = mvc.perform(post(base() + "/responsables/notification").session(session).with(csrf())
                        .param("papier", "true").param("vue", "non-notifies").param("confirmation", "true"))
                .andExpect(redirectedUrlPattern(base() + "/notifications/*")).andReturn().getResponse().getRedirectedUrl();
        String jobId = location.substring(location.lastIndexOf('/') + 1);
        Document running = page(get(location).session(session));
        assertThat(running.getElementById("progress").attr("max")).isEqualTo("3");
        assertThat(running.getElementById("progress-text").text()).isEqualTo("0 sur 3 — en cours…");
        assertThat(running.getElementById("summary")).isNull();
        mvc.perform(get(location + "/avancement").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("\"state\":\"RUNNING\"")));

        runJobs(jobId);

        Document done = page(get(location).session(session));
        assertThat(done.getElementById("progress-text").text()).isEqualTo("3 sur 3 — terminé.");
        assertThat(done.getElementById("emailed").text()).isEqualTo("Courriels envoyés : 0");
        assertThat(done.getElementById("printed").text()).isEqualTo("Courriers dans le PDF : 3");
        assertThat(done.getElementById("skipped-count").text()).isEqualTo("Couples non notifiés : 0");
        assertThat(done.getElementById("pdf").text()).contains("Enregistrez le PDF sur votre poste avant de l'imprimer.");
        assertThat(done.getElementById("pdf-link").attr("href")).isEqualTo(location + "/pdf");
        mvc.perform(get(location + "/pdf").session(session)).andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andExpect(header().string("Content-Disposition", containsString("attachment")));

        // everyone is notified: the guide's message, and nothing is started
        mvc.perform(post(base() + "/responsables/notification").session(session).with(csrf()).param("papier", "true")
                        .param("vue", "non-notifies").param("confirmation", "true"))
                .andExpect(redirectedUrlPattern(base() + "/responsables/notification?*"))
                .andExpect(flash().attribute("error", containsString("Toute la population sélectionnée a déjà été notifiée")));
        mvc.perform(post(base() + "/responsables/notification").session(session).with(csrf()).param("papier", "true")
                        .param("vue", "tous").param("division", "6Z").param("confirmation", "true"))
                .andExpect(flash().attribute("error", "Aucun couple élève / responsable n'existe pour cette sélection."));
        // the confirmation step says the same, before anything
        mvc.perform(get(base() + "/responsables/notification/confirmation?papier=true&vue=non-notifies").session(session))
                .andExpect(redirectedUrlPattern(base() + "/responsables/notification?*"))
                .andExpect(flash().attribute("error", containsString("Toute la population sélectionnée a déjà été notifiée")));
        Document list = page(get(base() + "/responsables/notification?papier=true").session(session));
        assertThat(list.getElementById("empty").text()).contains("Aucun code valide à notifier");
        assertThat(list.select("#jobs-title + ul li")).hasSize(1);
    }

    @Test
    void theStudentsPageHidesTheNotificationDateWhenOnlyTheNotNotifiedAreShown() throws Exception {
        Document notNotified = page(get(base() + "/acces-eleves/notification").session(session));
        assertThat(notNotified.select("nav.fr-sidemenu a").eachText()).containsExactly("Notifier en masse", "Gérer le code pour un élève");
        assertThat(notNotified.select("#students thead th").eachText())
                .containsExactly("Élève", "Division", "Date de naissance", "Sera notifié");
        Document all = page(get(base() + "/acces-eleves/notification?vue=tous").session(session));
        assertThat(all.select("#students thead th").eachText())
                .containsExactly("Élève", "Division", "Date de naissance", "Date de notification", "Sera notifié");

        // Léa is a minor whose guardians were not notified: held back, with the reason, in the summary
        String location = mvc.perform(post(base() + "/acces-eleves/notification").session(session).with(csrf()).param("vue", "tous")
                        .param("confirmation", "true"))
                .andReturn().getResponse().getRedirectedUrl();
        runJobs(location.substring(location.lastIndexOf('/') + 1));
        Document done = page(get(location).session(session));
        assertThat(done.getElementById("skipped-count").text()).isEqualTo("Élèves non notifiés : 2");
        assertThat(done.select("#skipped tbody tr").eachText()).anySatisfy(t -> assertThat(t).contains("Martin Léa", "M. MARTIN Paul"));
        assertThat(done.getElementById("pdf")).isNull();
    }

    @Test
    void notifierAsksTheConfirmationOfTheGuideWithTheCouplesAndTheChannelsAndStartsNothingBefore() throws Exception {
        Document list = page(get(base() + "/responsables/notification?courriel=true&papier=true").session(session));
        Element form = list.getElementById("notify-form");
        assertThat(form.attr("method")).isEqualTo("get");
        assertThat(form.attr("action")).isEqualTo(base() + "/responsables/notification/confirmation");

        // a POST without the confirmation (an old page, a script) starts nothing: it leads to the confirmation
        mvc.perform(post(base() + "/responsables/notification").session(session).with(csrf()).param("courriel", "true")
                        .param("papier", "true").param("vue", "non-notifies"))
                .andExpect(redirectedUrlPattern(base() + "/responsables/notification/confirmation?*"));
        assertThat(jdbc.queryForObject("select count(*) from notification_job where uai = ?", Integer.class, uai)).isZero();

        Document confirm = page(get(base() + "/responsables/notification/confirmation?courriel=true&papier=true&vue=non-notifies")
                .session(session));
        assertThat(confirm.getElementById("couples-count").text()).isEqualTo("3 couples élève / responsable vont être notifiés");
        assertThat(confirm.getElementById("channels").text()).isEqualTo("Mode de transmission : courrier électronique, et document "
                + "papier pour les responsables sans adresse électronique.");
        assertThat(confirm.getElementById("by-email").text()).isEqualTo("1 par courrier électronique");
        assertThat(confirm.getElementById("on-paper").text()).isEqualTo("2 par document papier");
        assertThat(confirm.getElementById("cancel-link").attr("href")).startsWith(base() + "/responsables/notification?");
        Element confirmForm = confirm.getElementById("confirm-form");
        assertThat(confirmForm.attr("method")).isEqualTo("post");
        assertThat(confirmForm.select("input[name=confirmation]").val()).isEqualTo("true");
        assertThat(confirmForm.select("input[name=courriel]").val()).isEqualTo("true");

        Document emailOnly = page(get(base() + "/responsables/notification/confirmation?courriel=true").session(session));
        assertThat(emailOnly.getElementById("channels").text()).isEqualTo("Mode de transmission : courrier électronique.");
        assertThat(emailOnly.getElementById("on-paper")).isNull();
        assertThat(emailOnly.getElementById("not-notified").text()).startsWith("2 sans adresse électronique dans SIECLE : non notifié");

        // the students' list says before « Notifier » who will be held back and why; the confirmation repeats it
        Document students = page(get(base() + "/acces-eleves/notification").session(session));
        assertThat(students.getElementById("held-back-summary").text()).contains("2 élèves seront écartés de cette notification");
        assertThat(students.select("#students tbody tr")).allSatisfy(row ->
                assertThat(row.select("td.held-back").text()).startsWith("Écarté Élève mineur : "));
        assertThat(students.select("#students tbody tr").eachText()).anySatisfy(t -> assertThat(t).contains("Bernard Hugo",
                "le code du responsable Mme BERNARD Anne n'a pas encore été notifié"));
        Document studentConfirm = page(get(base() + "/acces-eleves/notification/confirmation?vue=non-notifies").session(session));
        assertThat(studentConfirm.getElementById("letters-count").text()).isEqualTo("Aucun courrier élève ne sera imprimé");
        assertThat(studentConfirm.getElementById("held-back-count").text()).isEqualTo("2 élèves sélectionnés sont écartés :");
        assertThat(studentConfirm.select("#held-back li").eachText()).anySatisfy(t -> assertThat(t).startsWith("Martin Léa (3A) — Élève mineur"));
        assertThat(studentConfirm.getElementById("nothing-to-print")).isNotNull();
        mvc.perform(post(base() + "/acces-eleves/notification").session(session).with(csrf()).param("vue", "non-notifies"))
                .andExpect(redirectedUrlPattern(base() + "/acces-eleves/notification/confirmation?*"));
        assertThat(jdbc.queryForObject("select count(*) from notification_job where uai = ?", Integer.class, uai)).isZero();

        // confirmed: it starts
        mvc.perform(post(base() + "/responsables/notification").session(session).with(csrf()).param("courriel", "true")
                        .param("papier", "true").param("vue", "non-notifies").param("confirmation", "true"))
                .andExpect(redirectedUrlPattern(base() + "/notifications/*"));
        assertThat(jdbc.queryForObject("select count(*) from notification_job where uai = ?", Integer.class, uai)).isOne();
    }

    @Test
    void notifierCodeGivesTheLetterOrSaysWhyNot() throws Exception {
        String couple = base() + "/responsables/couples/" + linkOf("11");
        Document page = page(get(couple).session(session));
        assertThat(page.getElementById("canal-courriel").hasAttr("disabled")).isTrue();
        mvc.perform(post(couple + "/notification").session(session).with(csrf()).param("canal", "PAPER"))
                .andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF));
        mvc.perform(post(couple + "/notification").session(session).with(csrf()).param("canal", "EMAIL"))
                .andExpect(redirectedUrl(couple)).andExpect(flash().attribute("error", containsString("Aucune adresse électronique")))
                // one couple, one channel: nothing to tick « aussi » (issue 16, point 14)
                .andExpect(flash().attribute("error", containsString("Choisissez « Document papier »")))
                .andExpect(flash().attribute("error", org.hamcrest.Matchers.not(containsString("aussi"))));
        Document after = page(get(couple).session(session));
        assertThat(after.select("#history tbody tr td:nth-child(6)").eachText()).contains(
                LocalDate.now(java.time.ZoneId.of("Europe/Paris")).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));

        String student = base() + "/acces-eleves/codes/1";
        mvc.perform(post(student + "/notification").session(session).with(csrf()))
                .andExpect(redirectedUrl(student)).andExpect(flash().attribute("error", containsString("M. MARTIN Paul")));

        // another establishment's head reaches nothing
        String other = fixtures.another();
        MockHttpSession otherSession = (MockHttpSession) mvc.perform(formLogin("/login").user(Heads.username(other))
                .password(Heads.password(other))).andReturn().getRequest().getSession(false);
        mvc.perform(post(couple + "/notification").session(otherSession).with(csrf()).param("canal", "PAPER"))
                .andExpect(status().isForbidden());
        mvc.perform(get(base() + "/responsables/notification").session(otherSession)).andExpect(status().isForbidden());
    }
}
