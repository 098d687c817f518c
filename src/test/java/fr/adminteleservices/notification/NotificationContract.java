package fr.adminteleservices.notification;

import static fr.adminteleservices.support.Heads.academyAdmin;
import static fr.adminteleservices.support.Heads.headOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.jayway.jsonpath.JsonPath;
import fr.adminteleservices.support.Heads;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Notifying codes (C2, C3, E2, E3, G8, D2–D4) through the API, the process and a real SMTP server
 * (GreenMail on the port of the test profile), with the PDFs read back; on H2 and MariaDB. The process's own paths:
 * CodeNotificationProcessContract.
 */
abstract class NotificationContract extends EstablishmentWithCodes {

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
        String other = fixtures.another();
        mvc.perform(get("/api/notification-jobs/" + jobId + "/pdf").with(headOf(other))).andExpect(status().isForbidden());

        // everyone is notified now: "Non notifiés uniquement" has nobody left (§4.2)
        notifyGuardians("{\"confirmed\":true,\"channels\":[\"PAPER\"],\"onlyNotNotified\":true}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(containsString("déjà été notifiée")));
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
        String other = fixtures.another();
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

        String other = fixtures.another();
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
}
