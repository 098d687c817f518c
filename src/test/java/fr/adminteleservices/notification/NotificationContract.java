package fr.adminteleservices.notification;

import static fr.adminteleservices.support.Heads.academyAdmin;
import static fr.adminteleservices.support.Heads.headOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.jayway.jsonpath.JsonPath;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.security.Directory;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.Heads;
import fr.adminteleservices.support.SlowSmtpServer;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Notifying codes (C2, C3, E2, E3, G8, D2–D4) through the API, the process and a real SMTP server
 * (GreenMail on the port of the test profile), with the PDFs read back; on H2 and MariaDB.
 */
abstract class NotificationContract {

    static final String CODE_PATTERN = "[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}";

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
        uai = Heads.newEstablishmentWithHead(establishments, directory);
        imports.importExports(uai, Families.of(uai)
                .student("1", "Martin", "Léa", "03/04/2012", "3A")
                .guardian("10", "M.", "Martin", "Paul", "1").email("paul.martin@example.fr")
                .guardian("11", "Mme", "Martin", "Claire", "2").address("A11", "3 rue des Écoles", "99000", "Essai")
                .guardian("12", "Mme", "Durand", "Nounou", "0")
                .student("2", "Bernard", "Hugo", "05/06/2012", "3B")
                .guardian("13", "Mme", "Bernard", "Anne", "1").email("anne.bernard@example.fr")
                .student("3", "Petit", "Chloé", "01/01/2000", "3B")
                .guardian("14", "M.", "Petit", "Émile", "1").address("A14", "5 place de l'Église", "99100", "Ailleurs")
                .exports(), "test");
        opening.declare(uai, "test");
        opening.setOpen(uai, "NOTES", true, "test");
        opening.setOpen(uai, "ABSENCES", true, "test");
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

    @Test
    void eMailFirstThenPaperForTheOthersAndEachCodeIsMarkedNotified() throws Exception {
        String jobId = started(notifyGuardians("{\"confirmed\":true,\"channels\":[\"EMAIL\",\"PAPER\"],\"onlyNotNotified\":true}"));
        assertThat(jobView(jobId)).containsEntry("state", "RUNNING").containsEntry("total", 4);
        assertThat(notifiedOn("10")).isNull();

        runJobs(jobId);

        Map<String, Object> done = jobView(jobId);
        assertThat(done).containsEntry("state", "DONE").containsEntry("done", 4).containsEntry("emailed", 2).containsEntry("printed", 2);
        assertThat((List<?>) done.get("skipped")).isEmpty();
        LocalDate today = LocalDate.now(clock);
        for (String personne : List.of("10", "11", "13", "14")) {
            assertThat(notifiedOn(personne)).as("guardian %s", personne).isEqualTo(today);
        }
        assertThat(jdbc.queryForList("select channel from code_notification where job_id = ? order by channel", String.class, jobId))
                .containsExactly("EMAIL", "EMAIL", "PAPER", "PAPER");

        // the e-mails: real SMTP, UTF-8, the establishment as sender's name, the code in text and HTML
        Map<String, List<MimeMessage>> mails = byRecipient(smtp.getReceivedMessages());
        assertThat(mails.keySet()).containsExactlyInAnyOrder("paul.martin@example.fr", "anne.bernard@example.fr");
        MimeMessage paul = mails.get("paul.martin@example.fr").get(0);
        assertThat(((InternetAddress) paul.getFrom()[0]).getPersonal()).isEqualTo("Collège d'essai " + uai);
        assertThat(paul.getSubject()).isEqualTo("Votre code d'accès aux téléservices – Collège d'essai " + uai);
        String text = GreenMailUtil.getBody(paul);
        assertThat(paul.getContentType()).startsWith("multipart/");
        String plain = textPart(paul, "text/plain");
        String html = textPart(paul, "text/html");
        String code = revealedCode("10");
        assertThat(plain).contains("Code d'Activation Responsable : " + code, "dès le", "Léa MARTIN, élève de 3A",
                "Consultation des notes", "Consultation des absences", "Monsieur,", "mes salutations distinguées",
                "informatique et libertés");
        assertThat(html).contains(code).doesNotContain("<img").doesNotContain("<script");
        assertThat(text).isNotBlank();

        // the paper letters: one PDF, the two guardians without e-mail, in the list's order
        byte[] pdf = mvc.perform(get("/api/notification-jobs/" + jobId + "/pdf").with(headOf(uai)))
                .andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andReturn().getResponse().getContentAsByteArray();
        String letters = pdfText(pdf);
        assertThat(letters).contains("Mme MARTIN Claire", "3 rue des Écoles", revealedCode("11"), "M. PETIT Émile",
                "5 place de l'Église", revealedCode("14"), "Refus d'accès aux téléservices", "pour moi-même");
        assertThat(letters).doesNotContain(code);
        assertThat(letters.indexOf("MARTIN Claire")).isLessThan(letters.indexOf("PETIT Émile"));
        // the PDF prints codes: it is in the database (any node serves it), only to the establishment's people
        assertThat(jdbc.queryForObject("select sum(octet_length(x.bytes)) from notification_pdf_part x join notification_job j "
                + "on j.pdf_id = x.pdf_id where j.id = ?", Long.class, jobId)).isEqualTo(pdf.length);
        String other = Heads.newEstablishmentWithHead(establishments, directory);
        mvc.perform(get("/api/notification-jobs/" + jobId + "/pdf").with(headOf(other))).andExpect(status().isForbidden());

        // everyone is notified now: "Non notifiés uniquement" has nobody left (§4.2)
        notifyGuardians("{\"confirmed\":true,\"channels\":[\"PAPER\"],\"onlyNotNotified\":true}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(containsString("déjà été notifiée")));
    }

    private static String textPart(MimeMessage message, String type) throws Exception {
        return find(message, type);
    }

    private static String find(jakarta.mail.Part part, String type) throws Exception {
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

    @Test
    void eMailOnlyLeavesTheGuardiansWithoutAddressUnnotifiedAndSaysWhy() throws Exception {
        String jobId = started(notifyGuardians("{\"confirmed\":true,\"channels\":[\"EMAIL\"],\"onlyNotNotified\":false}"));
        runJobs(jobId);
        Map<String, Object> done = jobView(jobId);
        assertThat(done).containsEntry("state", "DONE").containsEntry("emailed", 2).containsEntry("printed", 0).containsEntry("pdf", null);
        List<Map<String, Object>> skipped = JsonPath.read(done, "$.skipped");
        assertThat(skipped).hasSize(2).allSatisfy(s -> assertThat((String) s.get("reason")).contains("Aucune adresse électronique"));
        assertThat(skipped).extracting(s -> ((Number) s.get("linkId")).longValue()).containsExactlyInAnyOrder(linkOf("11"), linkOf("14"));
        assertThat(notifiedOn("11")).isNull();
        assertThat(smtp.getReceivedMessages()).hasSize(2);
    }

    @Test
    void aMinorStudentWaitsForTheGuardiansAndAnAdultDoesNot() throws Exception {
        String first = started(mvc.perform(post(base() + "/student-notifications").with(headOf(uai))
                .contentType(MediaType.APPLICATION_JSON).content("{\"confirmed\":true,\"onlyNotNotified\":true}")));
        runJobs(first);
        Map<String, Object> done = jobView(first);
        assertThat(done).containsEntry("state", "DONE").containsEntry("printed", 1).containsEntry("total", 3);
        List<Map<String, Object>> skipped = JsonPath.read(done, "$.skipped");
        assertThat(skipped).extracting(s -> (String) s.get("eleveId")).containsExactlyInAnyOrder("1", "2");
        Map<String, String> reasons = skipped.stream().collect(Collectors.toMap(s -> (String) s.get("eleveId"), s -> (String) s.get("reason")));
        assertThat(reasons.get("1")).contains("M. MARTIN Paul", "Mme MARTIN Claire");
        assertThat(reasons.get("2")).contains("Mme BERNARD Anne");
        String letters = pdfText(mvc.perform(get("/api/notification-jobs/" + first + "/pdf").with(headOf(uai)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
        assertThat(letters).contains("Chloé PETIT", "Code d'Activation Elève", "sous réserve de l'accord de vos responsables légaux",
                "charte").doesNotContain("Refus d'accès aux téléservices");

        // Léa's guardians get their letters; Hugo's mother not yet
        mvc.perform(post(base() + "/guardian-links/" + linkOf("10") + "/notifications").with(headOf(uai))
                .contentType(MediaType.APPLICATION_JSON).content("{\"channel\":\"PAPER\"}")).andExpect(status().isOk());
        mvc.perform(post(base() + "/guardian-links/" + linkOf("11") + "/notifications").with(headOf(uai))
                .contentType(MediaType.APPLICATION_JSON).content("{\"channel\":\"PAPER\"}")).andExpect(status().isOk());
        String second = started(mvc.perform(post(base() + "/student-notifications").with(headOf(uai))
                .contentType(MediaType.APPLICATION_JSON).content("{\"confirmed\":true,\"onlyNotNotified\":true}")));
        runJobs(second);
        assertThat(jobView(second)).containsEntry("printed", 1).containsEntry("total", 2);
        assertThat(jdbc.queryForObject("select c.notified_on from student_code c join student s on s.id = c.valid_student_id "
                + "where s.uai = ? and s.eleve_id = '1'", LocalDate.class, uai)).isEqualTo(LocalDate.now(clock));

        // individually, the same rule answers with its reason
        mvc.perform(post(base() + "/students/2/notifications").with(headOf(uai))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(containsString("Mme BERNARD Anne")));
        byte[] chloe = mvc.perform(post(base() + "/students/3/notifications").with(headOf(uai)))
                .andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(pdfText(chloe)).contains("Chloé PETIT");
    }

    @Test
    void aMassNotificationStartsOnlyOnceConfirmedAndSaysBeforeWhatItWillDo() throws Exception {
        notifyGuardians("{\"channels\":[\"EMAIL\",\"PAPER\"]}").andExpect(status().isPreconditionRequired())
                .andExpect(jsonPath("$.confirmationRequired").value(true))
                .andExpect(jsonPath("$.preview.couples").value(4))
                .andExpect(jsonPath("$.preview.channels", org.hamcrest.Matchers.containsInAnyOrder("EMAIL", "PAPER")))
                .andExpect(jsonPath("$.preview.byEmail").value(2))
                .andExpect(jsonPath("$.preview.onPaper").value(2))
                .andExpect(jsonPath("$.preview.notNotified").value(0))
                .andExpect(jsonPath("$.message").value(containsString("renvoyez la même demande avec \"confirmed\": true")));
        notifyGuardians("{\"channels\":[\"EMAIL\"],\"confirmed\":false}").andExpect(status().isPreconditionRequired())
                .andExpect(jsonPath("$.preview.byEmail").value(2)).andExpect(jsonPath("$.preview.notNotified").value(2));
        // the preview refuses what the notification would refuse
        notifyGuardians("{\"channels\":[]}").andExpect(status().isBadRequest());

        // students: paper only, and the minors held back are named with the reason before anything starts
        mvc.perform(post(base() + "/student-notifications").with(headOf(uai))).andExpect(status().isPreconditionRequired())
                .andExpect(jsonPath("$.preview.students").value(3))
                .andExpect(jsonPath("$.preview.letters").value(1))
                .andExpect(jsonPath("$.preview.heldBack[*].eleveId", org.hamcrest.Matchers.containsInAnyOrder("1", "2")));
        assertThat(jdbc.queryForObject("select count(*) from notification_job where uai = ?", Integer.class, uai)).isZero();
        assertThat(notifiedOn("10")).isNull();

        // Hugo's mother refused, then took her refusal back: no code yet, so Hugo waits, and the head reads why
        mvc.perform(post(base() + "/guardian-links/" + linkOf("13") + "/refusal").with(headOf(uai))).andExpect(status().isOk());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete(
                base() + "/guardian-links/" + linkOf("13") + "/refusal").with(headOf(uai))).andExpect(status().isOk());
        String preview = mvc.perform(post(base() + "/student-notifications").with(headOf(uai)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"division\":\"3B\"}"))
                .andExpect(status().isPreconditionRequired()).andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> held = JsonPath.read(preview, "$.preview.heldBack");
        assertThat(held).singleElement().satisfies(h -> {
            assertThat(h).containsEntry("eleveId", "2").containsEntry("lastName", "Bernard");
            assertThat((String) h.get("reason")).contains("aucun responsable légal n'a encore de code");
        });
        // confirmed, the notification holds him back for the same reason
        String jobId = started(mvc.perform(post(base() + "/student-notifications").with(headOf(uai))
                .contentType(MediaType.APPLICATION_JSON).content("{\"division\":\"3B\",\"confirmed\":true}")));
        runJobs(jobId);
        List<Map<String, Object>> skipped = JsonPath.read(jobView(jobId), "$.skipped");
        assertThat(skipped).singleElement().satisfies(k -> assertThat((String) k.get("reason"))
                .isEqualTo(held.get(0).get("reason")));
    }

    @Test
    void anIndividualNotificationNeedsAValidCodeAndAnAddressForAnEMail() throws Exception {
        String link = base() + "/guardian-links/" + linkOf("11") + "/notifications";
        mvc.perform(post(link).with(headOf(uai)).contentType(MediaType.APPLICATION_JSON).content("{\"channel\":\"EMAIL\"}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.message").value(
                        "Aucune adresse électronique n'est connue dans SIECLE pour ce responsable : le courriel ne peut pas partir. "
                                + "Choisissez « Document papier » pour imprimer son courrier."));
        byte[] pdf = mvc.perform(post(link).with(headOf(uai)).contentType(MediaType.APPLICATION_JSON).content("{\"channel\":\"PAPER\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        String text = pdfText(pdf);
        assertThat(text).contains("MARTIN Claire", revealedCode("11"));
        // may be repeated (§4.3)
        mvc.perform(post(link).with(headOf(uai)).contentType(MediaType.APPLICATION_JSON).content("{\"channel\":\"PAPER\"}"))
                .andExpect(status().isOk());
        assertThat(jdbc.queryForObject("select count(*) from code_notification where code_id = (select id from guardian_code "
                + "where valid_link_id = ?)", Integer.class, linkOf("11"))).isEqualTo(2);
        mvc.perform(get(link).with(headOf(uai))).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].channel").value("PAPER"))
                .andExpect(jsonPath("$[0].variant").value("NORMAL"))
                .andExpect(jsonPath("$[0].notifiedBy").value(Heads.username(uai)));

        // by e-mail: 202, and the e-mail leaves with the process
        String paul = base() + "/guardian-links/" + linkOf("10") + "/notifications";
        String jobId = started(mvc.perform(post(paul).with(headOf(uai)).contentType(MediaType.APPLICATION_JSON).content("{\"channel\":\"EMAIL\"}")));
        runJobs(jobId);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(notifiedOn("10")).isEqualTo(LocalDate.now(clock));

        mvc.perform(get(paul).with(headOf(uai))).andExpect(jsonPath("$[0].channel").value("EMAIL"))
                .andExpect(jsonPath("$[0].recipient").value("paul.martin@example.fr"));
        mvc.perform(get(base() + "/students/3/notifications").with(headOf(uai))).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
        String other = Heads.newEstablishmentWithHead(establishments, directory);
        mvc.perform(get(link).with(headOf(other))).andExpect(status().isForbidden());

        // the nanny has no code: nothing to notify
        mvc.perform(post(base() + "/guardian-links/" + linkOf("12") + "/notifications").with(headOf(uai))
                .contentType(MediaType.APPLICATION_JSON).content("{\"channel\":\"PAPER\"}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.message").value(containsString("code valide")));
    }

    @Test
    void aContinuityLetterIsSentOnceWithoutTheCodeThenTheNormalLetter() throws Exception {
        jdbc.update("update guardian_code set continuity_on = ? where valid_link_id = ?", LocalDate.now(clock), linkOf("14"));
        String link = base() + "/guardian-links/" + linkOf("14") + "/notifications";
        String first = pdfText(mvc.perform(post(link).with(headOf(uai)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"channel\":\"PAPER\"}")).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
        assertThat(first).contains("continuer cette année").doesNotContain(revealedCode("14")).doesNotContain("Code d'Activation Responsable");
        String again = pdfText(mvc.perform(post(link).with(headOf(uai)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"channel\":\"PAPER\"}")).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
        assertThat(again).contains("Code d'Activation Responsable", revealedCode("14"));
        assertThat(jdbc.queryForList("select variant from code_notification where code_id = (select id from guardian_code "
                + "where valid_link_id = ?) order by id", String.class, linkOf("14"))).containsExactly("CONTINUITY", "NORMAL");
    }

    @Test
    void aPdfOfLettersIsDeletedAfterAWeekSinceItPrintsTheCodes() throws Exception {
        String old = started(notifyGuardians("{\"confirmed\":true,\"channels\":[\"PAPER\"]}"));
        runJobs(old);
        String oldPdf = jdbc.queryForObject("select pdf_id from notification_job where id = ?", String.class, old);
        assertThat(jdbc.queryForObject("select count(*) from notification_pdf_part where pdf_id = ?", Integer.class, oldPdf)).isPositive();
        jdbc.update("update notification_job set requested_at = ? where id = ?",
                java.sql.Timestamp.from(clock.instant().minus(java.time.Duration.ofDays(8))), old);

        String recent = started(notifyGuardians("{\"confirmed\":true,\"channels\":[\"PAPER\"],\"onlyNotNotified\":false}"));
        runJobs(recent);
        assertThat(jdbc.queryForObject("select count(*) from notification_pdf where id = ?", Integer.class, oldPdf)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from notification_pdf_part where pdf_id = ?", Integer.class, oldPdf)).isZero();
        assertThat(jobView(old)).containsEntry("pdf", null);
        mvc.perform(get("/api/notification-jobs/" + old + "/pdf").with(headOf(uai))).andExpect(status().isNotFound());
        mvc.perform(get("/api/notification-jobs/" + recent + "/pdf").with(headOf(uai))).andExpect(status().isOk());
    }

    /**
     * Issue 18: a PDF above MariaDB's packet size is stored in parts of 1 MB and read back as a stream, part by
     * part; a second copy of the same job (a second execution of the step) is dropped, the first one stays.
     */
    @Test
    void aPdfOfSeveralMegabytesIsStoredInPartsAndStreamedBack() throws Exception {
        String jobId = java.util.UUID.randomUUID().toString();
        jdbc.update("insert into notification_job (id, uai, kind, requested_at, email_requested, paper_requested, only_not_notified, "
                + "state) values (?, ?, 'CAR', ?, false, true, false, 'DONE')", jobId, uai, java.sql.Timestamp.from(clock.instant()));
        byte[] content = new byte[2 * NotificationPdfs.PART_SIZE + 12_345];
        new java.util.Random(18).nextBytes(content);
        NotificationPdfs.Writer writer = pdfs.writer(jobId);
        try (writer) {
            writer.write(content, 0, 1000);
            writer.write(content[1000]);
            writer.write(content, 1001, content.length - 1001);
        }
        assertThat(pdfs.attach(jobId, writer)).isTrue();
        assertThat(jdbc.queryForList("select octet_length(x.bytes) from notification_pdf_part x join notification_job j on j.pdf_id = x.pdf_id "
                + "where j.id = ? order by x.part_no", Integer.class, jobId))
                .containsExactly(NotificationPdfs.PART_SIZE, NotificationPdfs.PART_SIZE, 12_345);

        NotificationPdfs.Writer late = pdfs.writer(jobId);
        try (late) {
            late.write(new byte[10]);
        }
        assertThat(pdfs.attach(jobId, late)).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from notification_pdf where job_id = ?", Integer.class, jobId)).isEqualTo(1);

        NotificationPdfs.Stored stored = pdfs.stored(jobId);
        assertThat(stored.size()).isEqualTo(content.length);
        try (java.io.InputStream in = stored.content()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        mvc.perform(get("/api/notification-jobs/" + jobId + "/pdf").with(headOf(uai))).andExpect(status().isOk())
                .andExpect(header().longValue("Content-Length", content.length))
                .andExpect(content().bytes(content));
    }

    @Test
    void theGuideMessagesAndTheEstablishmentScope() throws Exception {
        notifyGuardians("{\"confirmed\":true,\"channels\":[],\"onlyNotNotified\":true}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(containsString("mode de transmission")));
        notifyGuardians("{\"confirmed\":true,\"channels\":[\"PAPER\"],\"division\":\"6Z\"}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value("Aucun couple élève / responsable n'existe pour cette sélection."));

        String other = Heads.newEstablishmentWithHead(establishments, directory);
        mvc.perform(post("/api/establishments/" + uai + "/guardian-notifications").with(headOf(other))
                .contentType(MediaType.APPLICATION_JSON).content("{\"channels\":[\"PAPER\"]}")).andExpect(status().isForbidden());
        String jobId = started(notifyGuardians("{\"confirmed\":true,\"channels\":[\"PAPER\"]}"));
        mvc.perform(get("/api/notification-jobs/" + jobId).with(headOf(other))).andExpect(status().isForbidden());
        mvc.perform(get("/api/notification-jobs/" + jobId).with(academyAdmin())).andExpect(status().isOk());
        runJobs(jobId);

        opening.setOpen(uai, "NOTES", false, "test");
        opening.setOpen(uai, "ABSENCES", false, "test");
        notifyGuardians("{\"confirmed\":true,\"channels\":[\"PAPER\"],\"onlyNotNotified\":false}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(containsString("Aucun téléservice n'est ouvert")));
    }

    /**
     * processes/code-notification.bpmn, step by step: decide, print, send, end; when the SMTP server
     * stays down the sending is retried with backoff, then stops as an incident (Cockpit) that the
     * summary shows; « Réessayer » then sends what was left, once.
     */
    @Test
    void theProcessDecidesPrintsSendsAndAnOutageEndsAsAnIncidentUntilRetried() throws Exception {
        String jobId = started(notifyGuardians("{\"confirmed\":true,\"channels\":[\"EMAIL\",\"PAPER\"]}"));
        ProcessInstance pi = instanceOf(jobId);
        BpmnAwareTests.assertThat(pi).isStarted().isWaitingAt("Decider");
        assertThat(pi.getTenantId()).isEqualTo(uai);
        execute(job(pi));
        BpmnAwareTests.assertThat(pi).hasPassed("Decider", "ResteADecider").isWaitingAt("ProduirePdf");
        execute(job(pi));
        BpmnAwareTests.assertThat(pi).hasPassed("ProduirePdf").isWaitingAt("EnvoyerCourriels");
        assertThat(jobView(jobId)).containsEntry("printed", 2).containsEntry("emailed", 0).containsEntry("waitingEmails", 2);

        smtp.stop();
        Job mailer = job(pi);
        ManagementService management = engine.getManagementService();
        int attempts = 0;
        while (management.createJobQuery().jobId(mailer.getId()).singleResult().getRetries() > 0 && attempts++ < 10) {
            assertThatThrownBy(() -> execute(mailer)).hasMessageContaining("indisponible");
            if (attempts == 1) {
                // the backoff of the BPMN: the next attempt in a minute, not at once
                java.util.Date next = management.createJobQuery().jobId(mailer.getId()).singleResult().getDuedate();
                assertThat(next).isAfter(java.util.Date.from(clock.instant().plusSeconds(50)));
                // and the head sees it, not « en cours » (issue 17, point 5)
                java.time.ZonedDateTime nextInParis = next.toInstant().atZone(java.time.ZoneId.of("Europe/Paris"));
                // the day is said when the next attempt is not today in Paris (a test run just before midnight)
                String day = nextInParis.toLocalDate().equals(clock.instant().atZone(java.time.ZoneId.of("Europe/Paris")).toLocalDate())
                        ? "" : " le " + nextInParis.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM"));
                String at = day.isEmpty() ? "à " + nextInParis.format(java.time.format.DateTimeFormatter.ofPattern("H' h 'mm"))
                        : day.strip() + " à " + nextInParis.format(java.time.format.DateTimeFormatter.ofPattern("H' h 'mm"));
                Map<String, Object> retrying = jobView(jobId);
                assertThat(retrying).containsEntry("state", "RUNNING")
                        .containsEntry("retry", "Le serveur de messagerie ne répond pas ; nouvel essai " + at + ".");
                assertThat((String) retrying.get("lastError")).contains("indisponible");
                var session = (org.springframework.mock.web.MockHttpSession) mvc.perform(
                                org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin("/login")
                                        .user(Heads.username(uai)).password(Heads.password(uai)))
                        .andReturn().getRequest().getSession(false);
                mvc.perform(get("/etablissements/" + uai + "/notifications/" + jobId).session(session)).andExpect(status().isOk())
                        .andExpect(content().string(containsString("Le serveur de messagerie ne répond pas ; nouvel essai " + at)));
            }
        }
        assertThat(attempts).isEqualTo(6);
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);
        Map<String, Object> failed = jobView(jobId);
        assertThat(failed).containsEntry("state", "FAILED").containsEntry("emailed", 0).containsEntry("waitingEmails", 2);
        assertThat((String) failed.get("failure")).contains("Cockpit");
        assertThat(notifiedOn("10")).isNull();
        assertThat(jdbc.queryForObject("select max(attempts) from mail_outbox where batch_id = ?", Integer.class, jobId)).isEqualTo(6);

        // « Réessayer » in Cockpit gives the job one more attempt
        smtp.start();
        management.setJobRetries(mailer.getId(), 1);
        execute(job(pi));
        BpmnAwareTests.assertThat(pi).hasPassed("EnvoyerCourriels", "Terminer", "NotificationTerminee").isEnded();
        assertThat(jobView(jobId)).containsEntry("state", "DONE").containsEntry("emailed", 2).containsEntry("waitingEmails", 0);
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(notifiedOn("10")).isEqualTo(LocalDate.now(clock));
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

    /**
     * Issue 17, point 1, the PDF step: run twice at once (its lock ran out while it rendered), it
     * records each letter once and leaves one whole PDF.
     */
    @Test
    void aSecondExecutionOfThePdfStepBesideTheFirstRecordsNoLetterTwice() throws Exception {
        String big = Heads.newEstablishmentWithHead(establishments, directory);
        String jobId = notificationOfThirtyGuardians(big, "PAPER");
        Job printer = job(instanceOf(jobId));
        ManagementService management = engine.getManagementService();
        java.util.concurrent.ExecutorService node = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.Future<?> first = node.submit(() -> management.executeJob(printer.getId()));
        List<Throwable> failures = new java.util.ArrayList<>();
        try {
            management.executeJob(printer.getId());
        } catch (Exception e) {
            failures.add(e);
        }
        try {
            first.get(120, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            failures.add(e.getCause());
        } finally {
            node.shutdown();
        }
        // the one that did not complete the job lost the engine's optimistic lock, nothing else (it shared the
        // partial file before: NoSuchFileException, or a half-written PDF moved in place)
        // (both may lose it when they finish at the same moment: the job then runs again below)
        assertThat(failures).hasSizeLessThanOrEqualTo(2)
                .allSatisfy(f -> assertThat(f).isInstanceOf(org.camunda.bpm.engine.OptimisticLockingException.class));
        runJobs(jobId);
        assertThat(jdbc.queryForObject("select count(*) from code_notification where uai = ? and channel = 'PAPER'", Integer.class, big))
                .isEqualTo(30);
        assertThat(jobView(jobId, big)).containsEntry("state", "DONE").containsEntry("printed", 30);
        byte[] pdf = mvc.perform(get("/api/notification-jobs/" + jobId + "/pdf").with(headOf(big))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        // one PDF kept: the execution that finished second dropped its own copy
        assertThat(jdbc.queryForObject("select count(*) from notification_pdf where job_id = ?", Integer.class, jobId)).isEqualTo(1);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document).split("Code d.Activation Responsable", -1)).hasSizeGreaterThan(30);
        }
    }

    int sentInOutbox(String jobId) {
        return jdbc.queryForObject("select count(*) from mail_outbox where batch_id = ? and state = 'SENT'", Integer.class, jobId);
    }

    /**
     * Issue 17, point 1: with a slow relay, one job execution sends a bounded slice (the test profile's
     * 10) and the process loops; a second execution of the same job beside the first (its lock ran
     * out, another node took it) sends none of the messages the first one claimed: in the end each
     * guardian got one message, 30 distinct Message-IDs for 30 messages.
     */
    @Test
    void aSecondExecutionOfTheMailJobBesideTheFirstSendsNoMessageTwice() throws Exception {
        String big = Heads.newEstablishmentWithHead(establishments, directory);
        String jobId = eMailNotificationOfThirtyGuardians(big);
        ProcessInstance pi = instanceOf(jobId);
        try (SlowSmtpServer relay = new SlowSmtpServer(java.time.Duration.ofMillis(150))) {
            int port = mailSender.getPort();
            mailSender.setPort(relay.port());
            try {
                Job mailer = job(pi);
                ManagementService management = engine.getManagementService();
                java.util.concurrent.ExecutorService node = java.util.concurrent.Executors.newSingleThreadExecutor();
                java.util.concurrent.Future<?> first = node.submit(() -> management.executeJob(mailer.getId()));
                long until = System.currentTimeMillis() + 20_000;
                while (relay.messageIds().size() < 2 && System.currentTimeMillis() < until) {
                    Thread.sleep(20);
                }
                // the same job again while the first execution still sends (as after the job's lock ran out)
                Exception second = null;
                try {
                    management.executeJob(mailer.getId());
                } catch (Exception e) {
                    second = e; // the engine's optimistic locking: one of the two completes the job
                }
                Exception firstOutcome = null;
                try {
                    first.get(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    firstOutcome = e;
                }
                node.shutdown();
                assertThat(firstOutcome == null || second == null).as("one execution completes the job").isTrue();
                // each execution stays within its slice: the process went round and waits for the next one
                assertThat(relay.messageIds()).hasSizeBetween(10, 20);
                BpmnAwareTests.assertThat(pi).hasPassed("ResteDesCourriels").isWaitingAt("EnvoyerCourriels");
                assertThat(jobView(jobId, big)).containsEntry("state", "RUNNING").containsEntry("emailed", sentInOutbox(jobId));

                runJobs(jobId);
            } finally {
                mailSender.setPort(port);
            }
            BpmnAwareTests.assertThat(pi).hasPassed("EnvoyerCourriels", "Terminer").isEnded();
            List<String> ids = relay.messageIds();
            assertThat(ids).hasSize(30).doesNotHaveDuplicates();
            assertThat(sentInOutbox(jobId)).isEqualTo(30);
            assertThat(jdbc.queryForObject("select count(*) from code_notification where uai = ?", Integer.class, big)).isEqualTo(30);
        }
    }

    /**
     * Issue 17, point 2: an execution died while it sent Paul's message (its claim, the test profile's
     * 5 s, still runs). The next execution sends Anne's at once, leaves Paul's alone while the claim
     * runs, then sends it once the claim ran out: no 5-minute wait per message, nothing sent twice.
     */
    @Test
    void aMessageClaimedByADeadExecutionIsSentOnceItsClaimRunsOut() throws Exception {
        String jobId = started(notifyGuardians("{\"confirmed\":true,\"channels\":[\"EMAIL\"]}"));
        ProcessInstance pi = instanceOf(jobId);
        execute(job(pi)); // decide
        execute(job(pi)); // no paper letters
        jdbc.update("update mail_outbox set claimed_by = 'noeud-arrete', claimed_until = ? where batch_id = ? and recipient = ?",
                java.sql.Timestamp.from(clock.instant().plusSeconds(3)), jobId, "paul.martin@example.fr");

        execute(job(pi));

        BpmnAwareTests.assertThat(pi).hasPassed("EnvoyerCourriels", "Terminer").isEnded();
        Map<String, List<MimeMessage>> received = byRecipient(smtp.getReceivedMessages());
        assertThat(received.keySet()).containsExactly("anne.bernard@example.fr", "paul.martin@example.fr");
        assertThat(received.values()).allSatisfy(m -> assertThat(m).hasSize(1));
        assertThat(jdbc.queryForList("select recipient from mail_outbox where batch_id = ? order by sent_at, id", String.class, jobId))
                .as("Anne first: Paul waited for the claim").containsExactly("anne.bernard@example.fr", "paul.martin@example.fr");
    }

    /**
     * Issue 17, point 2: each message is recorded as sent as soon as the server accepted it, so that a
     * crash leaves at most the message in flight unrecorded: when the relay accepts message n, the
     * n − 1 before it are already SENT in the outbox (they were recorded by groups of 10 before).
     */
    @Test
    void eachMessageIsRecordedAsSentBeforeTheNextOneLeaves() throws Exception {
        String big = Heads.newEstablishmentWithHead(establishments, directory);
        String jobId = eMailNotificationOfThirtyGuardians(big);
        try (SlowSmtpServer relay = new SlowSmtpServer(java.time.Duration.ofMillis(20))) {
            java.util.List<Integer> unrecorded = new java.util.concurrent.CopyOnWriteArrayList<>();
            relay.onAccepted(n -> unrecorded.add((n - 1) - sentInOutbox(jobId)));
            int port = mailSender.getPort();
            mailSender.setPort(relay.port());
            try {
                runJobs(jobId);
            } finally {
                mailSender.setPort(port);
            }
            assertThat(relay.messageIds()).hasSize(30).doesNotHaveDuplicates();
            assertThat(unrecorded).hasSize(30).allSatisfy(u -> assertThat(u).as("accepted before, not recorded").isLessThanOrEqualTo(0));
        }
    }

    /**
     * The SMTP server stops in the middle of a batch of 30 e-mails: the process retries later, and
     * in the end every guardian got exactly one e-mail and is marked notified, no one before.
     */
    @Test
    void anSmtpOutageInTheMiddleOfABatchLosesNothingAndSendsNothingTwice() throws Exception {
        String big = Heads.newEstablishmentWithHead(establishments, directory);
        String jobId = eMailNotificationOfThirtyGuardians(big);
        ProcessInstance pi = instanceOf(jobId);
        Job mailer = job(pi);
        assertThat(mailer).isNotNull();

        // the server goes down as soon as the first messages are recorded as sent (one group of the test profile's 10)
        Thread outage = new Thread(() -> {
            long until = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < until && jdbc.queryForObject(
                    "select count(*) from mail_outbox where batch_id = ? and state = 'SENT'", Integer.class, jobId) == 0) {
                Thread.onSpinWait();
            }
            smtp.stop();
        });
        outage.start();
        assertThatThrownBy(() -> execute(mailer)).hasMessageContaining("indisponible");
        outage.join();
        int sentFirst = jdbc.queryForObject("select count(*) from mail_outbox where batch_id = ? and state = 'SENT'", Integer.class, jobId);
        assertThat(sentFirst).isBetween(1, 29);
        List<String> sentBefore = jdbc.queryForList("select recipient from mail_outbox where batch_id = ? and state = 'SENT'",
                String.class, jobId);
        assertThat(jdbc.queryForObject("select count(*) from guardian_code where uai = ? and notified_on is not null", Integer.class, big))
                .isEqualTo(sentFirst);
        Map<String, Object> waiting = JsonPath.read(mvc.perform(get("/api/notification-jobs/" + jobId).with(headOf(big)))
                .andReturn().getResponse().getContentAsString(), "$");
        assertThat(waiting).containsEntry("state", "RUNNING").containsEntry("emailed", sentFirst).containsEntry("waitingEmails", 30 - sentFirst);

        // while it is down, a retry fails again and sends nothing
        assertThatThrownBy(() -> execute(job(pi))).hasMessageContaining("indisponible");

        smtp.start();
        runJobs(jobId);
        assertThat(instanceOf(jobId)).isNull();
        Function<String, Integer> count = sql -> jdbc.queryForObject(sql, Integer.class, big);
        assertThat(count.apply("select count(*) from guardian_code where uai = ? and notified_on is not null")).isEqualTo(30);
        assertThat(count.apply("select count(*) from code_notification where uai = ?")).isEqualTo(30);
        // the restarted server got exactly the others, one message each, none of those sent before the outage
        Map<String, List<MimeMessage>> received = byRecipient(smtp.getReceivedMessages());
        assertThat(received).hasSize(30 - sentFirst);
        assertThat(received.values()).allSatisfy(m -> assertThat(m).hasSize(1));
        assertThat(received.keySet()).doesNotContainAnyElementsOf(sentBefore);
    }
}
