package fr.adminteleservices.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import fr.adminteleservices.support.EstablishmentFixtures;
import fr.adminteleservices.codes.GuardianCodes;
import fr.adminteleservices.codes.StudentCodes;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.replication.Replication;
import fr.adminteleservices.settings.SettingsService;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.support.Families;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Paul, father of Léa (3A) and Hugo (5B) in a new establishment, their codes replicated and usable (the clock a day on),
 * a real SMTP server, and what the portal's tests do with them: reveal a code, activate, log in, read an e-mail.
 */
abstract class PortalFamily {

    static final Pattern LINK = Pattern.compile("http://[^\\s\"<]+/portail/[a-z-]+\\?jeton=[A-Za-z0-9_-]+");
    static final String PASSWORD = "cheval agrafe batterie correcte";

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(Integer.getInteger("test.smtp.port", 3925), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @Autowired
    MockMvc mvc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    EstablishmentFixtures fixtures;
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
        uai = fixtures.establishment().families(id -> Families.of(id)
                .student(id.substring(0, 7) + "1", "Martin", "Léa", "03/04/2012", "3A")
                .guardian("10", "M.", "Martin", "Paul", "1").email("paul.martin@example.fr")
                .student(id.substring(0, 7) + "2", "Martin", "Hugo", "05/06/2014", "5B")
                .guardian("10", "M.", "Martin", "Paul", "1"))
                .open("NOTES").withGuardianCodes().create();
        suffix = uai.toLowerCase();
        lea = uai.substring(0, 7) + "1";
        hugo = uai.substring(0, 7) + "2";
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

    String carOf(String eleveId, String personneId) {
        long link = jdbc.queryForObject("select l.id from guardian_link l join student s on s.id = l.student_id "
                + "join guardian g on g.id = l.guardian_id where l.uai = ? and s.eleve_id = ? and g.personne_id = ?",
                Long.class, uai, eleveId, personneId);
        long code = jdbc.queryForObject("select id from guardian_code where valid_link_id = ?", Long.class, link);
        return guardianCodes.reveal(uai, link, code, "test").reveal();
    }

    /** « Mot de passe oublié » works off the request thread: its process starts a moment after the answer. */
    ProcessInstance awaitProcess(String key, String businessKey) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> process(key, businessKey), java.util.Objects::nonNull);
    }

    static String i0(String address, int i) {
        // 20 requests over 4 addresses: each address stays within its own limit
        return address.substring(0, address.lastIndexOf('.') + 1) + (1 + i % 4);
    }

    long resets(long accountId) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("password-reset")
                .processInstanceBusinessKey("RESET-" + accountId).count();
    }
}
