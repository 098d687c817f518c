package fr.adminteleservices.notification;

import fr.adminteleservices.support.EstablishmentFixtures;
import static fr.adminteleservices.support.Heads.headOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.jayway.jsonpath.JsonPath;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.Heads;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * A new establishment with its head, families whose codes are generated, a real SMTP server: what the notification tests
 * start from, and their calls of the head's API and of the process's jobs.
 */
abstract class EstablishmentWithCodes {

    static final String CODE_PATTERN = "[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}";

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
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;
    @Autowired
    NotificationPdfs pdfs;
    @Autowired
    org.springframework.mail.javamail.JavaMailSenderImpl mailSender;

    String uai;

    /**
     * Léa (minor) with her father (e-mail) and mother (postal address only) and a nanny (not legal);
     * Hugo (minor) with his mother (e-mail); Chloé (adult) with her father (no e-mail). CARs for the
     * four legal guardians.
     */
    @BeforeEach
    void establishmentWithCodes() throws Exception {
        init(engine);
        uai = fixtures.establishment().families(id -> Families.of(id)
                .student("1", "Martin", "Léa", "03/04/2012", "3A")
                .guardian("10", "M.", "Martin", "Paul", "1").email("paul.martin@example.fr")
                .guardian("11", "Mme", "Martin", "Claire", "2").address("A11", "3 rue des Écoles", "99000", "Essai")
                .guardian("12", "Mme", "Durand", "Nounou", "0")
                .student("2", "Bernard", "Hugo", "05/06/2012", "3B")
                .guardian("13", "Mme", "Bernard", "Anne", "1").email("anne.bernard@example.fr")
                .student("3", "Petit", "Chloé", "01/01/2000", "3B")
                .guardian("14", "M.", "Petit", "Émile", "1").address("A14", "5 place de l'Église", "99100", "Ailleurs"))
                .open("NOTES", "ABSENCES").create();
        mvc.perform(post(base() + "/guardian-codes/generation").with(headOf(uai)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"all\":true}")).andExpect(status().isOk());
    }

    String base() {
        return "/api/establishments/" + uai;
    }

    long linkOf(String personneId) {
        return jdbc.queryForObject("select l.id from guardian_link l join guardian g on g.id = l.guardian_id "
                + "where l.uai = ? and g.personne_id = ?", Long.class, uai, personneId);
    }

    LocalDate notifiedOn(String personneId) {
        return jdbc.queryForObject("select notified_on from guardian_code where valid_link_id = ?", LocalDate.class, linkOf(personneId));
    }

    String revealedCode(String personneId) throws Exception {
        long link = linkOf(personneId);
        long code = jdbc.queryForObject("select id from guardian_code where valid_link_id = ?", Long.class, link);
        String body = mvc.perform(post(base() + "/guardian-links/" + link + "/codes/" + code + "/reveal").with(headOf(uai)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.value");
    }

    ResultActions notifyGuardians(String json) throws Exception {
        return mvc.perform(post(base() + "/guardian-notifications").with(headOf(uai)).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    String started(ResultActions answer) throws Exception {
        String body = answer.andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.jobId");
    }

    ProcessInstance instanceOf(String jobId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(jobId)
                .processDefinitionKey(Notifications.PROCESS).singleResult();
    }

    /** Runs the notification's jobs one after the other, as the job executor does in the running application. */
    void runJobs(String jobId) {
        ProcessInstance pi = instanceOf(jobId);
        while (pi != null && engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi.getId()).count() > 0) {
            execute(job(pi));
        }
    }

    Map<String, Object> jobView(String jobId) throws Exception {
        return jobView(jobId, uai);
    }

    Map<String, Object> jobView(String jobId, String of) throws Exception {
        String body = mvc.perform(get("/api/notification-jobs/" + jobId).with(headOf(of))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$");
    }

    String pdfText(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            // the letters print typographic apostrophes and no-break spaces
            return new PDFTextStripper().getText(document).replace('’', '\'').replace('\u00a0', ' ').replace('\u202f', ' ');
        }
    }

    Map<String, List<MimeMessage>> byRecipient(MimeMessage[] messages) {
        return Arrays.stream(messages).collect(Collectors.groupingBy(m -> {
            try {
                return ((InternetAddress) m.getAllRecipients()[0]).getAddress();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    static String textPart(MimeMessage message, String type) throws Exception {
        return find(message, type);
    }

    static String find(jakarta.mail.Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            jakarta.mail.Multipart multipart = (jakarta.mail.Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = find(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * 30 couples in a new establishment {@code big}, each guardian with an e-mail address and a CAR; an
     * e-mail notification of them decided and past its PDF step: its process waits at « Envoyer les courriels ».
     */
    String eMailNotificationOfThirtyGuardians(String big) throws Exception {
        String jobId = notificationOfThirtyGuardians(big, "EMAIL");
        execute(job(instanceOf(jobId))); // no paper letters
        BpmnAwareTests.assertThat(instanceOf(jobId)).isWaitingAt("EnvoyerCourriels");
        return jobId;
    }

    /** The same 30 couples, notified through {@code channel}; the notification decided, its process at « Produire le PDF ». */
    String notificationOfThirtyGuardians(String big, String channel) throws Exception {
        Families division = Families.of(big);
        for (int i = 100; i < 130; i++) {
            division.student(Integer.toString(i), "Élève" + i, "Zoé", "01/02/2013", "5C")
                    .guardian(Integer.toString(1000 + i), "Mme", "Parent" + i, "Hélène", "1").email("parent" + i + "@example.fr");
        }
        imports.importExports(big, division.exports(), "test");
        opening.declare(big, "test");
        opening.setOpen(big, "NOTES", true, "test");
        mvc.perform(post("/api/establishments/" + big + "/guardian-codes/generation").with(headOf(big))
                .contentType(MediaType.APPLICATION_JSON).content("{\"all\":true}")).andExpect(status().isOk());
        String body = mvc.perform(post("/api/establishments/" + big + "/guardian-notifications").with(headOf(big))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"confirmed\":true,\"channels\":[\"" + channel + "\"],\"onlyNotNotified\":true}"))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        String jobId = JsonPath.read(body, "$.jobId");
        ProcessInstance pi = instanceOf(jobId);
        execute(job(pi)); // decide
        BpmnAwareTests.assertThat(pi).isWaitingAt("ProduirePdf");
        return jobId;
    }

    int sentInOutbox(String jobId) {
        return jdbc.queryForObject("select count(*) from mail_outbox where batch_id = ? and state = 'SENT'", Integer.class, jobId);
    }
}
