package fr.adminteleservices.siecle;

import static fr.adminteleservices.support.SiecleFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.security.Directory;
import fr.adminteleservices.support.Heads;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 14's guard on mass departures, the codes in the report, the school year and the export's date,
 * and issue 17's « un import est en cours »: on H2 and on MariaDB, through the service and the API.
 */
abstract class SiecleImportGuardContract {

    @Autowired
    SiecleImportService imports;
    @Autowired
    ImportClaims claims;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    Directory directory;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;

    String uai;

    @BeforeEach
    void newEstablishment() {
        uai = Heads.newEstablishmentWithHead(establishments, directory);
    }

    /** Students 1..n in divisions 3A and 3B. */
    static String students(int from, int to, String[] divisions) {
        StringBuilder eleves = new StringBuilder();
        StringBuilder structures = new StringBuilder();
        for (int i = from; i <= to; i++) {
            eleves.append(eleve(String.valueOf(i), "Élève" + i, "Prénom" + i, "03/04/2012", ""));
            structures.append(division(String.valueOf(i), divisions[i % divisions.length]));
        }
        return eleves + "\u0000" + structures;
    }

    SiecleImportService.Upload studentFile(int from, int to) {
        String[] parts = students(from, to, new String[] {"3A", "3B"}).split("\u0000");
        return upload("ElevesSansAdresses.xml", eleves(uai, parts[0], parts[1]));
    }

    int present() {
        return jdbc.queryForObject("select count(*) from student where uai = ? and left_on is null", Integer.class, uai);
    }

    int validCaes() {
        return jdbc.queryForObject("select count(*) from student_code where uai = ? and valid_student_id is not null",
                Integer.class, uai);
    }

    ImportReport importing(SiecleImportService.Upload... uploads) {
        return imports.importExports(uai, List.of(uploads), "test");
    }

    @Test
    void aPartialExportIsHeldUntilTheHeadConfirmsAndThenAppliedWithItsCodes() {
        ImportReport first = importing(studentFile(1, 30));
        assertThat(first.awaitingConfirmation()).isFalse();
        assertThat(first.codes().caesCreated()).isEqualTo(30);
        assertThat(validCaes()).isEqualTo(30);

        // a two-student export: 28 of 30 would leave (threshold max(10 % of 30, 20) = 20)
        ImportReport held = importing(studentFile(1, 2));

        assertThat(held.awaitingConfirmation()).isTrue();
        assertThat(held.confirmation().state()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(held.confirmation().students()).isEqualTo(new ImportReport.Guarded(30, 28, 20));
        assertThat(held.confirmation().departing()).hasSize(28);
        assertThat(held.confirmation().departing().get(0).division()).isEqualTo("3A");
        assertThat(held.confirmation().departing().get(27).division()).isEqualTo("3B");
        assertThat(held.students().left()).isEqualTo(28);
        // nothing applied: every student present, every CAE valid, no import recorded
        assertThat(present()).isEqualTo(30);
        assertThat(validCaes()).isEqualTo(30);
        assertThat(imports.recentImports(uai)).hasSize(1);
        assertThat(imports.awaitingConfirmation(uai)).hasSize(1);

        ImportReport applied = imports.confirm(uai, held.confirmation().importId(), "chef.confirme");

        assertThat(applied.awaitingConfirmation()).isFalse();
        assertThat(applied.students().left()).isEqualTo(28);
        assertThat(present()).isEqualTo(2);
        assertThat(validCaes()).isEqualTo(2);
        assertThat(applied.codes().caesInvalidated()).isEqualTo(28);
        assertThat(applied.codes().changes()).filteredOn(c -> c.effect().equals(CodeEffects.CAE_INVALIDATED))
                .extracting(ImportReport.CodeChange::reason).containsOnly("Départ de l'élève");
        assertThat(imports.awaitingConfirmation(uai)).isEmpty();
        assertThat(jdbc.queryForObject("select decided_by from siecle_import_pending where id = ?", String.class,
                held.confirmation().importId())).isEqualTo("chef.confirme");
        assertThatThrownBy(() -> imports.cancel(uai, held.confirmation().importId(), "x"))
                .isInstanceOf(SiecleImportService.ImportDecidedException.class);
    }

    @Test
    void aCancelledImportChangesNothingAndItsFilesAreDropped() {
        importing(studentFile(1, 30));
        ImportReport held = importing(studentFile(1, 2));

        ImportReport cancelled = imports.cancel(uai, held.confirmation().importId(), "chef.annule");

        assertThat(cancelled.confirmation().state()).isEqualTo("CANCELLED");
        assertThat(cancelled.confirmation().decidedBy()).isEqualTo("chef.annule");
        assertThat(present()).isEqualTo(30);
        assertThat(validCaes()).isEqualTo(30);
        assertThat(jdbc.queryForObject("select count(*) from siecle_import_pending_file where import_id = ?", Integer.class,
                held.confirmation().importId())).isZero();
        assertThatThrownBy(() -> imports.confirm(uai, held.confirmation().importId(), "x"))
                .isInstanceOf(SiecleImportService.ImportDecidedException.class).hasMessageContaining("annulé");
    }

    @Test
    void departuresUnderTheThresholdAreAppliedAtOnce() {
        importing(studentFile(1, 30));

        ImportReport report = importing(studentFile(1, 10)); // 20 leave: not more than 20

        assertThat(report.awaitingConfirmation()).isFalse();
        assertThat(report.students().left()).isEqualTo(20);
        assertThat(present()).isEqualTo(10);
        assertThat(report.codes().caesInvalidated()).isEqualTo(20);
        assertThat(report.codes().changes()).filteredOn(c -> c.effect().equals(CodeEffects.CAE_INVALIDATED))
                .extracting(ImportReport.CodeChange::eleveId).contains("11", "30");
    }

    @Test
    void endingMostGuardianLinksIsHeldToo() {
        StringBuilder personnes = new StringBuilder();
        StringBuilder liens = new StringBuilder();
        StringBuilder adresses = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            personnes.append(personne(String.valueOf(100 + i), "M.", "Parent" + i, "Jean", null, String.valueOf(i)));
            liens.append(respLegal(String.valueOf(i), String.valueOf(100 + i), "1"));
            adresses.append(adresse(String.valueOf(i), "1 rue des Écoles", "99000", "Essai"));
        }
        importing(studentFile(1, 30), upload("ResponsablesAvecAdresses.xml",
                responsables(uai, personnes.toString(), liens.toString(), adresses.toString())));

        // the same students, but a guardians' file with a single link
        ImportReport held = importing(upload("ResponsablesAvecAdresses.xml", responsables(uai,
                personne("101", "M.", "Parent1", "Jean", null, "1"), respLegal("1", "101", "1"),
                adresse("1", "1 rue des Écoles", "99000", "Essai"))));

        assertThat(held.awaitingConfirmation()).isTrue();
        assertThat(held.confirmation().links()).isEqualTo(new ImportReport.Guarded(30, 29, 20));
        assertThat(jdbc.queryForObject("select count(*) from guardian_link where uai = ? and ended_on is null",
                Integer.class, uai)).isEqualTo(30);
    }

    @Test
    void anExportOfAnotherSchoolYearIsRefusedNamingBothYears() {
        String old = eleves(uai, eleve("1", "Martin", "Léa", "03/04/2012", ""), division("1", "3A"))
                .replace("<ANNEE_SCOLAIRE>2026</ANNEE_SCOLAIRE>", "<ANNEE_SCOLAIRE>2016</ANNEE_SCOLAIRE>");

        assertThatThrownBy(() -> importing(upload("ElevesSansAdresses.xml", old)))
                .isInstanceOf(SiecleFormatException.class)
                .hasMessageContaining("2016-2017").hasMessageContaining("2026-2027");
        assertThat(present()).isZero();
    }

    @Test
    void anExportOlderThanTheLastOneAppliedIsRefused() {
        importing(studentFile(1, 3));
        String older = eleves(uai, eleve("1", "Martin", "Léa", "03/04/2012", ""), division("1", "3A"))
                .replace("15/11/2026", "01/10/2026");

        assertThatThrownBy(() -> importing(upload("ElevesSansAdresses.xml", older)))
                .isInstanceOf(SiecleFormatException.class)
                .hasMessageContaining("01/10/2026").hasMessageContaining("15/11/2026");
        assertThat(present()).isEqualTo(3);
    }

    @Test
    void aSecondImportWhileOneRunsIsRefusedAtOnce() {
        try (ImportClaims.Claim running = claims.claim(uai)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> importing(studentFile(1, 3)))
                    .isInstanceOf(ImportClaims.ImportRunningException.class)
                    .hasMessageContaining("Un import est en cours");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
        }
        // released: the next import runs
        assertThat(importing(studentFile(1, 3)).students().created()).isEqualTo(3);
    }

    @Test
    void theApiAnswers202ThenConfirmsOrCancels() throws Exception {
        importing(studentFile(1, 30));
        byte[] partial = eleves(uai, eleve("1", "Élève1", "Prénom1", "03/04/2012", ""), division("1", "3A"))
                .getBytes(LATIN9);

        String body = mvc.perform(multipart("/api/establishments/" + uai + "/siecle-imports")
                        .file(new MockMultipartFile("files", "ElevesSansAdresses.xml", "text/xml", partial))
                        .with(Heads.headOf(uai)))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.awaitingConfirmation").value(true))
                .andExpect(jsonPath("$.confirmation.state").value("AWAITING_CONFIRMATION"))
                .andExpect(jsonPath("$.confirmation.students.present").value(30))
                .andExpect(jsonPath("$.confirmation.students.leaving").value(29))
                .andExpect(jsonPath("$.confirmation.departing.length()").value(29))
                .andExpect(jsonPath("$.confirmation.confirm", Matchers.endsWith("/confirmation")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String importId = com.jayway.jsonpath.JsonPath.read(body, "$.confirmation.importId");

        mvc.perform(get("/api/establishments/" + uai + "/siecle-imports/" + importId).with(Heads.headOf(uai)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.awaitingConfirmation").value(true));
        mvc.perform(post("/api/establishments/" + uai + "/siecle-imports/" + importId + "/cancellation").with(Heads.headOf(uai)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.awaitingConfirmation").value(false))
                .andExpect(jsonPath("$.confirmation.state").value("CANCELLED"));
        mvc.perform(post("/api/establishments/" + uai + "/siecle-imports/" + importId + "/confirmation").with(Heads.headOf(uai)))
                .andExpect(status().isConflict());
        assertThat(present()).isEqualTo(30);

        String again = mvc.perform(multipart("/api/establishments/" + uai + "/siecle-imports")
                        .file(new MockMultipartFile("files", "ElevesSansAdresses.xml", "text/xml", partial))
                        .with(Heads.headOf(uai)))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String secondId = com.jayway.jsonpath.JsonPath.read(again, "$.confirmation.importId");
        mvc.perform(post("/api/establishments/" + uai + "/siecle-imports/" + secondId + "/confirmation").with(Heads.headOf(uai)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.awaitingConfirmation").value(false))
                .andExpect(jsonPath("$.students.left").value(29))
                .andExpect(jsonPath("$.codes.caesInvalidated").value(29))
                .andExpect(jsonPath("$.codes.changes[0].eleveId").exists());
        assertThat(present()).isEqualTo(1);
    }

    @Test
    void theApiAnswers409WhileAnImportRuns() throws Exception {
        try (ImportClaims.Claim running = claims.claim(uai)) {
            mvc.perform(multipart("/api/establishments/" + uai + "/siecle-imports")
                            .file(new MockMultipartFile("files", "ElevesSansAdresses.xml", "text/xml",
                                    eleves(uai, eleve("1", "Martin", "Léa", "03/04/2012", ""), division("1", "3A")).getBytes(LATIN9)))
                            .with(Heads.headOf(uai)))
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.message", Matchers.containsString("Un import est en cours")));
        }
    }
}
