package fr.adminteleservices.accounts;

import static fr.adminteleservices.support.SiecleFixtures.division;
import static fr.adminteleservices.support.SiecleFixtures.eleve;
import static fr.adminteleservices.support.SiecleFixtures.eleves;
import static fr.adminteleservices.support.SiecleFixtures.ine;
import static fr.adminteleservices.support.SiecleFixtures.personne;
import static fr.adminteleservices.support.SiecleFixtures.respLegal;
import static fr.adminteleservices.support.SiecleFixtures.responsables;
import static fr.adminteleservices.support.SiecleFixtures.upload;
import static fr.adminteleservices.support.SiecleFixtures.withIne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import fr.adminteleservices.codes.GuardianCodes;
import fr.adminteleservices.codes.StudentCodes;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.replication.Replication;
import fr.adminteleservices.security.Directory;
import fr.adminteleservices.settings.SettingsService;
import fr.adminteleservices.settings.SettingsUpdate;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.support.Heads;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Accounts on the portal (C5, E4, G3, G4, G6, password reset) through its screens, with the processes
 * portal-account and password-reset driven by moving the clock, and a real SMTP server; on H2 and MariaDB.
 */
abstract class AccountsContract {

    static final Pattern LINK = Pattern.compile("http://[^\\s\"<]+/portail/[a-z-]+\\?jeton=[A-Za-z0-9_-]+");
    static final String PASSWORD = "cheval agrafe batterie correcte";

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(Integer.getInteger("test.smtp.port", 3925), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @Autowired
    MockMvc mvc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    Directory directory;
    @Autowired
    ServiceOpening opening;
    @Autowired
    SiecleImportService imports;
    @Autowired
    GuardianCodes guardianCodes;
    @Autowired
    StudentCodes studentCodes;
    @Autowired
    Replication replication;
    @Autowired
    SettingsService settings;
    @Autowired
    JdbcTemplate jdbc;

    String uai;
    String suffix;
    /** ELEVE_IDs (hence INEs) of this establishment only: another establishment with the same INE would be continuity of access (G7). */
    String lea;
    String hugo;

    /** Paul is the father of Léa (3A) and Hugo (3B); codes created today, replicated, usable tomorrow: the clock moves a day on. */
    @BeforeEach
    void codesReplicatedAndUsable() {
        init(engine);
        uai = Heads.newEstablishmentWithHead(establishments, directory);
        suffix = uai.toLowerCase();
        lea = uai.substring(0, 7) + "1";
        hugo = uai.substring(0, 7) + "2";
        imports.importExports(uai, List.of(
                upload("ElevesSansAdresses.xml", eleves(uai,
                        eleve(lea, "Martin", "Léa", "03/04/2012", "") + eleve(hugo, "Martin", "Hugo", "05/06/2014", ""),
                        division(lea, "3A") + division(hugo, "5B"))),
                upload("ResponsablesAvecAdresses.xml", responsables(uai,
                        personne("10", "M.", "Martin", "Paul", "paul.martin@example.fr", ""),
                        respLegal(lea, "10", "1") + respLegal(hugo, "10", "1"), ""))), "test");
        opening.declare(uai, "test");
        opening.setOpen(uai, "NOTES", true, "test");
        guardianCodes.generate(uai, null, true, null, null, "test");
        replication.runNow("test");
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(1))));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    long linkOf(String eleveId) {
        return jdbc.queryForObject("select l.id from guardian_link l join student s on s.id = l.student_id "
                + "where l.uai = ? and s.eleve_id = ?", Long.class, uai, eleveId);
    }

    String carOf(String eleveId) {
        long link = linkOf(eleveId);
        long code = jdbc.queryForObject("select id from guardian_code where valid_link_id = ?", Long.class, link);
        return guardianCodes.reveal(uai, link, code, "test").reveal();
    }

    String caeOf(String eleveId) {
        long code = jdbc.queryForObject("select c.id from student_code c join student s on s.id = c.valid_student_id "
                + "where s.uai = ? and s.eleve_id = ?", Long.class, uai, eleveId);
        return studentCodes.reveal(uai, eleveId, code, "test").reveal();
    }

    /** Each test comes from its own address, so that the per-address limit (20 tries in 10 minutes) is this test's own. */
    org.springframework.test.web.servlet.request.RequestPostProcessor client() {
        String address = "10." + (Math.abs(uai.hashCode()) % 250) + "." + (uai.charAt(7) % 250) + ".1";
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    ResultActions activate(String code, String birthDate, String username, String password) throws Exception {
        return mvc.perform(post("/portail/activation").with(csrf()).with(client()).param("code", code).param("naissance", birthDate)
                .param("identifiant", username).param("courriel", "paul.martin@example.fr").param("motdepasse", password)
                .param("confirmation", password));
    }

    Document page(ResultActions answer) throws Exception {
        return Jsoup.parse(answer.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    ProcessInstance process(String key, String businessKey) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(key).processInstanceBusinessKey(businessKey)
                .singleResult();
    }

    long accountId(String username) {
        return jdbc.queryForObject("select id from portal_account where username = ?", Long.class, username);
    }

    String linkIn(MimeMessage message) {
        Matcher m = LINK.matcher(GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "="));
        assertThat(m.find()).as("a link in the e-mail").isTrue();
        return m.group().substring(m.group().indexOf("/portail/"));
    }

    /** The text/plain part, decoded. */
    static String text(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            jakarta.mail.Multipart multipart = (jakarta.mail.Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = text(multipart.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    MockHttpSession login(String username, String password) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/portail/connexion").userParameter("identifiant").passwordParam("motdepasse")
                .user(username).password(password)).andReturn().getRequest().getSession(false);
    }

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
    void afterFiveTriesOnAStudentsCodeEvenTheRightBirthDateWaits() throws Exception {
        String code = carOf(lea);
        for (int i = 1; i <= 5; i++) {
            assertThat(page(activate(code, "2012-04-0" + (3 + i), "essai-" + suffix, PASSWORD)).getElementById("code-error").text())
                    .startsWith("Le code d'activation ou la date de naissance est incorrect.");
        }
        // the right birth date now gets the answer of a wrong code, word for word as an unknown code's: nothing
        // tells an attacker that this code exists
        String exhausted = page(activate(code, "2012-04-03", "essai-" + suffix, PASSWORD)).getElementById("code-error").text();
        assertThat(exhausted).startsWith("Le code d'activation ou la date de naissance est incorrect.")
                .isEqualTo(page(activate("ZZZZZ-ZZZZZ-ZZZZZ", "2012-04-03", "essai-" + suffix, PASSWORD)).getElementById("code-error").text());
        // the other child's code is not held back
        assertThat(page(activate(carOf(hugo), "2014-06-05", "hugo-" + suffix, PASSWORD)).getElementById("activated")).isNotNull();
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofHours(1))));
        assertThat(page(activate(code, "2012-04-03", "essai-" + suffix, PASSWORD)).getElementById("activated")).isNotNull();
    }

    /**
     * G7: Léa moves to another establishment of the académie (same INE); her own account and her
     * father's get the new establishment's codes, with their continuity date, once a service opens there
     * and her INE is no longer held by a present student of her former establishment (issue 14, point 4).
     */
    @Test
    void aChangeOfEstablishmentKeepsTheAccountsOnceAServiceIsOpenThere() throws Exception {
        String father = "continuite-" + suffix;
        page(activate(carOf(lea), "2012-04-03", father, PASSWORD));
        ProcessInstance pi = process("portal-account", "ACCOUNT-" + accountId(father));
        execute(job(pi));
        mvc.perform(get(linkIn(smtp.getReceivedMessages()[0])));
        String student = "lea-continuite-" + suffix;
        page(activate(caeOf(lea), "2012-04-03", student, PASSWORD));

        String next = Heads.newEstablishmentWithHead(establishments, directory);
        String leaInNext = withIne(eleve(lea, "Martin", "Léa", "03/04/2012", ""), ine(uai, lea)); // the same student
        List<SiecleImportService.Upload> nextExports = List.of(
                upload("ElevesSansAdresses.xml", eleves(next, leaInNext, division(lea, "2NDE1"))),
                upload("ResponsablesAvecAdresses.xml", responsables(next,
                        personne("77", "M.", "Martin", "Paul", "paul.martin@example.fr", ""), respLegal(lea, "77", "1"), "")));
        // her former establishment has not imported her departure yet: a duplicated INE, reported, never attached on
        assertThat(imports.importExports(next, nextExports, "test").rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains(ine(uai, lea)).contains(uai));
        opening.declare(next, "test");
        String attachedThere = "select count(*) from portal_account_code where uai = ? and account_id = ?";
        assertThat(jdbc.queryForObject(attachedThere, Integer.class, next, accountId(father))).isZero();
        opening.setOpen(next, "NOTES", true, "test");
        assertThat(jdbc.queryForObject(attachedThere, Integer.class, next, accountId(father))).isZero();
        assertThat(jdbc.queryForObject(attachedThere, Integer.class, next, accountId(student))).isZero();

        // she leaves her former establishment; the new one's next import attaches both accounts
        imports.importExports(uai, List.of(upload("ElevesSansAdresses.xml", eleves(uai,
                eleve(hugo, "Martin", "Hugo", "05/06/2014", ""), division(hugo, "5B")))), "test");
        assertThat(imports.importExports(next, nextExports, "test").rejected()).isEmpty();
        assertThat(jdbc.queryForObject(attachedThere, Integer.class, next, accountId(father))).isEqualTo(1);
        assertThat(jdbc.queryForObject(attachedThere, Integer.class, next, accountId(student))).isEqualTo(1);
        LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), java.time.ZoneId.of("Europe/Paris"));
        assertThat(jdbc.queryForObject("select c.continuity_on from guardian_code c join guardian_link l on l.id = c.valid_link_id "
                + "where l.uai = ?", LocalDate.class, next)).isEqualTo(today);
        assertThat(jdbc.queryForObject("select c.continuity_on from student_code c join student s on s.id = c.valid_student_id "
                + "where s.uai = ?", LocalDate.class, next)).isEqualTo(today);

        // once the night's replication has run, both accounts see Léa in her new establishment
        replication.runNow("test");
        assertThat(page(mvc.perform(get("/portail").session(login(father, PASSWORD)))).getElementById("children").text())
                .contains("2NDE1", "Collège d'essai " + next);
        assertThat(page(mvc.perform(get("/portail").session(login(student, PASSWORD)))).getElementById("children").text())
                .contains("Collège d'essai " + next);
    }

    @Test
    void weakPasswordsAndTakenIdentifiersAreRefusedWithTheirReason() throws Exception {
        String code = carOf(lea);
        assertThat(page(activate(code, "2012-04-03", "court-" + suffix, "court")).getElementById("password-error").text())
                .contains("au moins 12 caractères");
        assertThat(page(activate(code, "2012-04-03", "commun-" + suffix, "motdepasse123")).getElementById("password-error").text())
                .contains("les plus courants");
        assertThat(page(activate(code, "2012-04-03", "x", PASSWORD)).getElementById("username-error")).isNotNull();
        assertThat(jdbc.queryForObject("select count(*) from portal_account where username like ?", Integer.class, "%" + suffix))
                .isZero();
    }

    @Test
    void aGuardianGroupsChildrenAndANewCodeRestoresAnInvalidatedAccess() throws Exception {
        String username = "famille-" + suffix;
        page(activate(carOf(lea), "2012-04-03", username, PASSWORD));
        long id = accountId(username);
        ProcessInstance pi = process("portal-account", "ACCOUNT-" + id);
        execute(job(pi));
        mvc.perform(get(linkIn(smtp.getReceivedMessages()[0])));
        MockHttpSession session = login(username, PASSWORD);

        // G3: Hugo's code in the same account
        mvc.perform(post("/portail/enfants/ajout").session(session).with(csrf()).with(client()).param("code", carOf(hugo)).param("naissance", "2014-06-05"))
                .andExpect(redirectedUrl("/portail"));
        assertThat(page(mvc.perform(get("/portail").session(session))).select("#children li")).hasSize(2);

        // G4: the school invalidates Hugo's code (« Nouveau code »): the access stops at once, without waiting for the night
        guardianCodes.newCode(uai, linkOf(hugo), "test");
        Document suspended = page(mvc.perform(get("/portail").session(session)));
        assertThat(suspended.getElementById("children").text()).contains("l'accès est suspendu");

        // G6: the new code, once replicated and usable, is entered into the same account
        replication.runNow("test");
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(1))));
        mvc.perform(post("/portail/enfants/ajout").session(session).with(csrf()).with(client()).param("code", carOf(hugo)).param("naissance", "2014-06-05"))
                .andExpect(redirectedUrl("/portail"));
        Document restored = page(mvc.perform(get("/portail").session(session)));
        assertThat(restored.select("#children li")).hasSize(2);
        assertThat(restored.getElementById("children").text()).doesNotContain("suspendu");
    }

    @Test
    void aParentCannotTakeOverTheOtherParentsCode() throws Exception {
        // Claire becomes Léa's legal guardian 2, with her own code
        imports.importExports(uai, List.of(
                upload("ElevesSansAdresses.xml", eleves(uai,
                        eleve(lea, "Martin", "Léa", "03/04/2012", "") + eleve(hugo, "Martin", "Hugo", "05/06/2014", ""),
                        division(lea, "3A") + division(hugo, "5B"))),
                upload("ResponsablesAvecAdresses.xml", responsables(uai,
                        personne("10", "M.", "Martin", "Paul", "paul.martin@example.fr", "")
                                + personne("11", "Mme", "Martin", "Claire", "claire.martin@example.fr", ""),
                        respLegal(lea, "10", "1") + respLegal(lea, "11", "2") + respLegal(hugo, "10", "1"), ""))), "test");
        guardianCodes.generate(uai, null, true, null, null, "test");
        replication.runNow("test");
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(1))));
        String paulsCode = carOf(lea, "10");
        String clairesCode = carOf(lea, "11");

        String claire = "claire-" + suffix;
        page(activate(clairesCode, "2012-04-03", claire, PASSWORD));
        execute(job(process("portal-account", "ACCOUNT-" + accountId(claire))));
        mvc.perform(get(linkIn(smtp.getReceivedMessages()[0])));
        MockHttpSession session = login(claire, PASSWORD);

        // Paul's code typed into Claire's account is refused: it is his, for his own account
        Document refused = page(mvc.perform(post("/portail/enfants/ajout").session(session).with(csrf()).with(client())
                .param("code", paulsCode).param("naissance", "2012-04-03")));
        assertThat(refused.text()).contains("Ce code est celui d'un autre responsable de Léa");
        assertThat(jdbc.queryForObject("select count(*) from portal_account_code a join guardian_code c on c.id = a.code_id "
                + "join guardian_link l on l.id = c.link_id join guardian g on g.id = l.guardian_id "
                + "where a.kind = 'CAR' and g.personne_id = '10' and g.uai = ?", Integer.class, uai)).isZero();
        // Paul still creates his own account with it
        assertThat(page(activate(paulsCode, "2012-04-03", "paul-" + suffix, PASSWORD)).getElementById("activated")).isNotNull();
    }

    /** The code's value no longer opens an account on the portal: the answer is the wrong code's. */
    void refusedOnThePortal(String code, String birthDate, String what) throws Exception {
        org.jsoup.nodes.Element error = page(activate(code, birthDate, "essai-" + System.nanoTime() % 1_000_000, PASSWORD))
                .getElementById("code-error");
        assertThat(error).as(what).isNotNull();
        assertThat(error.text()).as(what).startsWith("Le code d'activation ou la date de naissance est incorrect.");
    }

    /** Runs the background steps of the establishment's generations: every code gets its lifecycle. */
    void startLifecycles() {
        for (int i = 0; i < 20; i++) {
            var jobs = engine.getManagementService().createJobQuery().tenantIdIn(uai).processDefinitionKey("code-generation").list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(j -> engine.getManagementService().executeJob(j.getId()));
        }
    }

    @Test
    void anExpiredCodeStopsOpeningAnAccountAtOnceNotAtNight() throws Exception {
        startLifecycles();
        String paulsCode = carOf(lea);
        String leasCode = caeOf(lea);
        long car = jdbc.queryForObject("select id from guardian_code where valid_link_id = ?", Long.class, linkOf(lea));
        long cae = jdbc.queryForObject("select c.id from student_code c join student s on s.id = c.valid_student_id "
                + "where s.uai = ? and s.eleve_id = ?", Long.class, uai, lea);
        // a year and a day without an account: « Un an sans compte »
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(367))));
        for (String key : List.of("CAR-" + car, "CAE-" + cae)) {
            ProcessInstance lifecycle = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).singleResult();
            assertThat(lifecycle).as("the lifecycle of %s", key).isNotNull();
            execute(job(lifecycle));
        }
        assertThat(jdbc.queryForObject("select invalidation_reason from guardian_code where id = ?", String.class, car)).isNotNull();
        refusedOnThePortal(paulsCode, "2012-04-03", "an expired CAR");
        refusedOnThePortal(leasCode, "2012-04-03", "an expired (and replaced) CAE");
    }

    @Test
    void aDepartureAnEndedLinkOrARefusalTakesTheCodesFromThePortalAtOnce() throws Exception {
        String paulForLea = carOf(lea);
        String paulForHugo = carOf(hugo);
        String hugosCode = caeOf(hugo);
        // Hugo leaves (he is not in the new export) and Paul is no longer Léa's legal guardian
        imports.importExports(uai, List.of(
                upload("ElevesSansAdresses.xml", eleves(uai, eleve(lea, "Martin", "Léa", "03/04/2012", ""), division(lea, "3A"))),
                upload("ResponsablesAvecAdresses.xml", responsables(uai,
                        personne("10", "M.", "Martin", "Paul", "paul.martin@example.fr", ""), "", ""))), "test");
        refusedOnThePortal(hugosCode, "2014-06-05", "the CAE of a student who left");
        refusedOnThePortal(paulForHugo, "2014-06-05", "the CAR of a student who left");
        refusedOnThePortal(paulForLea, "2012-04-03", "the CAR of an ended link");
    }

    @Test
    void aRightCodeNotValidYetSaysFromWhenWithoutHelpingAGuess() throws Exception {
        String code = carOf(lea);
        LocalDate validFrom = jdbc.queryForObject("select valid_from from guardian_code where valid_link_id = ?", LocalDate.class,
                linkOf(lea));
        ClockUtil.setCurrentTime(Date.from(validFrom.minusDays(1).atTime(12, 0).atZone(java.time.ZoneId.of("Europe/Paris")).toInstant()));
        assertThat(page(activate(code, "2012-04-03", "tot-" + suffix, PASSWORD)).getElementById("code-error").text())
                .isEqualTo("Ce code sera utilisable à partir du " + validFrom.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")) + ".");
        // with a wrong birth date, the same code gets the wrong code's answer
        assertThat(page(activate(code, "2012-04-04", "tot-" + suffix, PASSWORD)).getElementById("code-error").text())
                .startsWith("Le code d'activation ou la date de naissance est incorrect.");
    }

    @Test
    void aRefusedGuardiansCodeNoLongerOpensAnAccount() throws Exception {
        String paulForLea = carOf(lea);
        guardianCodes.refuse(uai, linkOf(lea), "test");
        refusedOnThePortal(paulForLea, "2012-04-03", "the CAR of a guardian who refused");
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
        String other = Heads.newEstablishmentWithHead(establishments, directory);
        mvc.perform(post("/api/establishments/" + other + "/accounts/" + id + "/confirmation-link").with(Heads.headOf(other)))
                .andExpect(status().isNotFound());
    }

    String carOf(String eleveId, String personneId) {
        long link = jdbc.queryForObject("select l.id from guardian_link l join student s on s.id = l.student_id "
                + "join guardian g on g.id = l.guardian_id where l.uai = ? and s.eleve_id = ? and g.personne_id = ?",
                Long.class, uai, eleveId, personneId);
        long code = jdbc.queryForObject("select id from guardian_code where valid_link_id = ?", Long.class, link);
        return guardianCodes.reveal(uai, link, code, "test").reveal();
    }

    @Test
    void theHeadSeesTheAccountPanelAndResetsThePasswordOnlyOnceConfirmed() throws Exception {
        String username = "panel-" + suffix;
        page(activate(carOf(lea), "2012-04-03", username, PASSWORD));
        long id = accountId(username);
        MockHttpSession head = (MockHttpSession) mvc.perform(formLogin("/login").user(Heads.username(uai)).password(Heads.password(uai)))
                .andReturn().getRequest().getSession(false);
        String couple = "/etablissements/" + uai + "/responsables/couples/" + linkOf(lea);
        Document provisional = page(mvc.perform(get(couple).session(head)));
        assertThat(provisional.getElementById("account-panel").text()).contains(username, "Provisoire", "Jamais");
        assertThat(provisional.getElementById("reset-password")).isNull();
        mvc.perform(post("/api/establishments/" + uai + "/accounts/" + id + "/password-reset").with(Heads.headOf(uai)))
                .andExpect(status().isConflict());

        ProcessInstance pi = process("portal-account", "ACCOUNT-" + id);
        execute(job(pi));
        mvc.perform(get(linkIn(smtp.getReceivedMessages()[0])));
        login(username, PASSWORD);
        Document confirmed = page(mvc.perform(get(couple).session(head)));
        assertThat(confirmed.getElementById("account-panel").text()).contains("Validé", "paul.martin@example.fr").doesNotContain("Jamais");
        mvc.perform(post("/etablissements/" + uai + "/comptes/" + id + "/reinitialisation").session(head).with(csrf()).param("retour", couple))
                .andExpect(redirectedUrl(couple));
        ProcessInstance reset = process("password-reset", "RESET-" + id);
        BpmnAwareTests.assertThat(reset).isWaitingAt("EnvoyerLien");
        execute(job(reset));
        assertThat(smtp.getReceivedMessages()[1].getSubject()).isEqualTo("Choisissez un nouveau mot de passe");

        // another establishment's head reaches neither the panel nor the account
        String other = Heads.newEstablishmentWithHead(establishments, directory);
        mvc.perform(post("/api/establishments/" + other + "/accounts/" + id + "/password-reset").with(Heads.headOf(other)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/establishments/" + uai + "/accounts/" + id + "/password-reset").with(Heads.headOf(other)))
                .andExpect(status().isForbidden());
        // and an administrator's session is not a portal session
        mvc.perform(get("/portail").session(head)).andExpect(redirectedUrlPattern("**/portail/connexion"));
    }

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
        String other = Heads.newEstablishmentWithHead(establishments, directory);
        mvc.perform(get("/portail/contact/" + other).session(session)).andExpect(status().isNotFound());
    }

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

    /** 18.4: new passwords in Argon2id; a bcrypt hash of before is re-hashed at its next log-in, ending no session. */
    @Test
    void aBcryptPasswordOfBeforeIsReHashedWithArgon2idAtItsNextLogInAndEndsNoSession() throws Exception {
        String username = "rehash-" + suffix;
        page(activate(caeOf(hugo), "2014-06-05", username, PASSWORD));
        assertThat(passwordHash(username)).startsWith("{argon2}$argon2id$v=19$m=12288,t=3,p=1$");

        // an account of before: its password hashed with bcrypt, cost 10
        String bcrypt = "{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(10).encode(PASSWORD);
        jdbc.update("update portal_account set password_hash = ? where username = ?", bcrypt, username);
        MockHttpSession first = login(username, PASSWORD);
        mvc.perform(get("/portail").session(first)).andExpect(status().isOk());
        String rehashed = passwordHash(username);
        assertThat(rehashed).startsWith("{argon2}$argon2id$v=19$m=12288,t=3,p=1$");
        assertThat(new org.springframework.security.crypto.argon2.Argon2PasswordEncoder(16, 32, 1, 12 * 1024, 3)
                .matches(PASSWORD, rehashed.substring("{argon2}".length()))).isTrue();

        // a second re-hash (another log-in from a bcrypt hash) is not a new password: the first session goes on
        jdbc.update("update portal_account set password_hash = ? where username = ?", bcrypt, username);
        MockHttpSession second = login(username, PASSWORD);
        assertThat(passwordHash(username)).isNotEqualTo(bcrypt).startsWith("{argon2}");
        mvc.perform(get("/portail").session(first)).andExpect(status().isOk());
        mvc.perform(get("/portail").session(second)).andExpect(status().isOk());
        // an Argon2id hash is left as it is
        String current = passwordHash(username);
        login(username, PASSWORD);
        assertThat(passwordHash(username)).isEqualTo(current);
        assertThat(jdbc.queryForObject("select password_version from portal_account where username = ?", Integer.class, username))
                .isZero();
    }

    private String passwordHash(String username) {
        return jdbc.queryForObject("select password_hash from portal_account where username = ?", String.class, username);
    }

    /** « Mot de passe oublié » works off the request thread: its process starts a moment after the answer. */
    private ProcessInstance awaitProcess(String key, String businessKey) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> process(key, businessKey), java.util.Objects::nonNull);
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

    private static String i0(String address, int i) {
        // 20 requests over 4 addresses: each address stays within its own limit
        return address.substring(0, address.lastIndexOf('.') + 1) + (1 + i % 4);
    }

    private long resets(long accountId) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("password-reset")
                .processInstanceBusinessKey("RESET-" + accountId).count();
    }
}
