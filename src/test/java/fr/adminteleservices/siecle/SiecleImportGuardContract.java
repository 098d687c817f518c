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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 14's guard on mass departures, the codes in the report, the school year and the export's date,
 * and issue 17's « un import est en cours »: on H2 and on MariaDB, through the service and the API.
 */
@ExtendWith(OutputCaptureExtension.class)
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
    @Autowired
    fr.adminteleservices.enrolment.Teleinscription teleinscription;

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
            // at once: a few ms alone; the bound leaves room for a loaded CI machine
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
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

    // ------------------------------------------------------------ hostile sizes (issue 13, point 4) and encodings

    /** A stream of {@code size} bytes: the head, then {@code fill} repeated; nothing held in memory. */
    static SiecleImportService.Upload generated(String name, String head, byte fill, long size) {
        byte[] start = head.getBytes(StandardCharsets.ISO_8859_1);
        return new SiecleImportService.Upload(name, () -> new java.io.InputStream() {
            long position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - position);
                for (int i = 0; i < n; i++) {
                    b[off + i] = position < start.length ? start[(int) position] : fill;
                    position++;
                }
                return n;
            }
        });
    }

    long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    @Test
    void a150MbTextNodeIsRefusedAtOnceWithFlatMemory() {
        String head = "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\n<BEE_ELEVES VERSION=\"2.1\">" + parametres(uai)
                + "<DONNEES><ELEVES><ELEVE ELEVE_ID=\"1\"><NOM_DE_FAMILLE>";
        long allocated = allocatedByThisThread();
        long start = System.nanoTime();

        assertThatThrownBy(() -> importing(generated("ElevesSansAdresses.xml", head, (byte) 'A', 150L * 1024 * 1024)))
                .isInstanceOf(SiecleFileTooLargeException.class).hasMessageContaining("Mo");

        // at once: a few ms alone; the bound leaves room for a loaded CI machine
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        assertThat(allocatedByThisThread() - allocated).isLessThan(32L * 1024 * 1024);
        assertThat(present()).isZero();
    }

    @Test
    void aLongTextNodeUnderTheFileLimitIsRefusedBy413FromTheReader() throws Exception {
        String head = "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\n<BEE_ELEVES VERSION=\"2.1\">" + parametres(uai)
                + "<DONNEES><ELEVES><ELEVE ELEVE_ID=\"1\"><NOM_DE_FAMILLE>";
        byte[] file = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(file, (byte) 'A');
        System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, file, 0, head.length());
        long start = System.nanoTime();

        mvc.perform(multipart("/api/establishments/" + uai + "/siecle-imports")
                        .file(new MockMultipartFile("files", "ElevesSansAdresses.xml", "text/xml", file)).with(Heads.headOf(uai)))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.message", Matchers.containsString("d'un seul tenant")));

        // at once: a few ms alone; the bound leaves room for a loaded CI machine
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void a200000DeepNestingIsRefusedWith400() throws Exception {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\n<BEE_ELEVES VERSION=\"2.1\">")
                .append(parametres(uai)).append("<DONNEES><ELEVES><ELEVE ELEVE_ID=\"1\">");
        xml.append("<a>".repeat(200_000)).append("</a>".repeat(200_000)).append("</ELEVE></ELEVES></DONNEES></BEE_ELEVES>");
        long start = System.nanoTime();

        mvc.perform(multipart("/api/establishments/" + uai + "/siecle-imports")
                        .file(new MockMultipartFile("files", "ElevesSansAdresses.xml", "text/xml",
                                xml.toString().getBytes(StandardCharsets.ISO_8859_1))).with(Heads.headOf(uai)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message", Matchers.containsString("imbriqués sur plus de 32 niveaux")));

        // at once: a few ms alone; the bound leaves room for a loaded CI machine
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        assertThat(present()).isZero();
    }

    @Test
    void utf8BytesUnderAnIsoDeclarationAreReadAsUtf8AndReported() {
        String xml = eleves(uai, eleve("1", "Lefèvre", "Grégory", "03/04/2012", "") + eleve("2", "Garçon", "François", "03/04/2012", ""),
                division("1", "3A") + division("2", "3A"));
        // the declaration still says ISO-8859-15, the bytes are UTF-8: a file re-saved by a text editor
        ImportReport report = importing(raw("ElevesSansAdresses.xml", xml.getBytes(StandardCharsets.UTF_8)));

        assertThat(jdbc.queryForList("select first_name from student where uai = ? order by eleve_id", String.class, uai))
                .containsExactly("Grégory", "François");
        assertThat(jdbc.queryForObject("select last_name from student where uai = ? and eleve_id = '1'", String.class, uai))
                .isEqualTo("Lefèvre");
        assertThat(report.rejected()).extracting(ImportReport.Rejection::record).containsExactly("Encodage");
    }

    @Test
    void aFileMixingUtf8AndIsoBytesIsRefusedSayingWhatWasFound() {
        byte[] utf8 = eleve("1", "Lefèvre", "Grégory", "03/04/2012", "").getBytes(StandardCharsets.UTF_8);
        byte[] latin = eleve("2", "Garçon", "François", "03/04/2012", "").getBytes(LATIN9);
        String[] around = eleves(uai, "\u0000", division("1", "3A") + division("2", "3A")).split("\u0000");
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.writeBytes(around[0].getBytes(LATIN9));
        file.writeBytes(utf8);
        file.writeBytes(latin);
        file.writeBytes(around[1].getBytes(LATIN9));

        assertThatThrownBy(() -> importing(raw("ElevesSansAdresses.xml", file.toByteArray())))
                .isInstanceOf(SiecleFormatException.class)
                .hasMessageContaining("ISO-8859-15").hasMessageContaining("UTF-8");
        assertThat(present()).isZero();
    }

    // ------------------------------------------------------------ INE

    @Test
    void aMalformedIneCostsTheStudentOnlyTheIneNotTheCode() {
        String bad = eleve("1", "Martin", "Léa", "03/04/2012", "").replace(ine("1"), "12-34");

        ImportReport report = importing(upload("ElevesSansAdresses.xml", eleves(uai, bad, division("1", "3A"))));

        assertThat(report.students().created()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select ine from student where uai = ? and eleve_id = '1'", String.class, uai)).isNull();
        assertThat(validCaes()).isEqualTo(1);
        assertThat(report.rejected()).singleElement().satisfies(r -> {
            assertThat(r.record()).isEqualTo("ELEVE_ID 1");
            assertThat(r.reason()).contains("12-34").contains("importé sans INE");
        });
    }

    @Test
    void anIneSharedByTwoStudentsOfTheFileIsReportedWithBothEleveIds() {
        String twin = eleve("2", "Martin", "Hugo", "03/04/2012", "").replace(ine("2"), ine("1"));

        ImportReport report = importing(upload("ElevesSansAdresses.xml", eleves(uai,
                eleve("1", "Martin", "Léa", "03/04/2012", "") + twin, division("1", "3A") + division("2", "3A"))));

        assertThat(report.students().created()).isEqualTo(2);
        assertThat(report.rejected()).singleElement().satisfies(r -> {
            assertThat(r.record()).isEqualTo("ELEVE_ID 2");
            assertThat(r.reason()).contains(ine(uai, "1")).contains("ELEVE_ID 1");
        });
    }

    @Test
    void eachEstablishmentsFixturesHaveTheirOwnInesSoNothingIsReportedAcrossEstablishments() {
        String other = Heads.newEstablishmentWithHead(establishments, directory);
        imports.importExports(other, List.of(upload("ElevesSansAdresses.xml", eleves(other,
                eleve("1", "Petit", "Jules", "03/04/2012", ""), division("1", "3A")))), "test");

        ImportReport report = importing(upload("ElevesSansAdresses.xml", eleves(uai,
                eleve("1", "Martin", "Léa", "03/04/2012", ""), division("1", "3A"))));

        assertThat(ine(uai, "1")).isNotEqualTo(ine(other, "1")).matches("\\d{10}[A-Z]");
        assertThat(report.rejected()).isEmpty();
    }

    @Test
    void anIneHeldByAPresentStudentOfAnotherEstablishmentIsReportedWithBothEleveIdsAndItsUai() {
        String other = Heads.newEstablishmentWithHead(establishments, directory);
        String shared = ine(other, "7");
        imports.importExports(other, List.of(upload("ElevesSansAdresses.xml", eleves(other,
                eleve("7", "Petit", "Jules", "03/04/2012", "") + eleve("8", "Roux", "Anna", "03/04/2012", ""),
                division("7", "3A") + division("8", "3A")))), "test");

        ImportReport report = importing(upload("ElevesSansAdresses.xml", eleves(uai,
                withIne(eleve("1", "Martin", "Léa", "03/04/2012", ""), shared), division("1", "3A"))));

        assertThat(report.students().created()).isEqualTo(1);
        assertThat(report.rejected()).singleElement().satisfies(r -> {
            assertThat(r.record()).isEqualTo("ELEVE_ID 1");
            assertThat(r.reason()).contains(shared).contains("ELEVE_ID 7").contains(other);
        });

        // once Jules has left the other establishment (an export without him), the INE is no longer duplicated
        imports.importExports(other, List.of(upload("ElevesSansAdresses.xml", eleves(other,
                eleve("8", "Roux", "Anna", "03/04/2012", ""), division("8", "3A")))), "test");
        assertThat(importing(upload("ElevesSansAdresses.xml", eleves(uai,
                withIne(eleve("1", "Martin", "Léa", "03/04/2012", ""), shared), division("1", "3A")))).rejected()).isEmpty();
    }

    // ------------------------------------------------------------ Nomenclature report (issue 14, point 5)

    static String nomenclature(String uaj, String mefs, String matieres, String programmes) {
        return "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\n<BEE_NOMENCLATURES VERSION=\"3.1\">" + parametres(uaj)
                + "<DONNEES><MEFS>" + mefs + "</MEFS><MATIERES>" + matieres + "</MATIERES><PROGRAMMES>" + programmes
                + "</PROGRAMMES></DONNEES></BEE_NOMENCLATURES>";
    }

    static String mef(String code, String label) {
        return "<MEF CODE_MEF=\"" + code + "\"><LIBELLE_LONG>" + label + "</LIBELLE_LONG><LIBELLE_EDITION>" + label
                + "</LIBELLE_EDITION></MEF>";
    }

    static String matiere(String code, String label) {
        return "<MATIERE CODE_MATIERE=\"" + code + "\"><CODE_GESTION>" + code + "</CODE_GESTION><LIBELLE_LONG>" + label
                + "</LIBELLE_LONG></MATIERE>";
    }

    static String programme(String mef, String matiere, String modality) {
        return "<PROGRAMME><CODE_MEF>" + mef + "</CODE_MEF><CODE_MATIERE>" + matiere + "</CODE_MATIERE><CODE_MODALITE_ELECT>"
                + modality + "</CODE_MODALITE_ELECT></PROGRAMME>";
    }

    @Test
    void aNomenclatureImportReportsWhatItReadAndWhatItReplaced() throws Exception {
        String full = nomenclature(uai, mef("20010017110", "2nde générale") + mef("20111010110", "1ère générale"),
                matiere("020100", "Français") + matiere("076700", "Latin") + matiere("030201", "Anglais"),
                programme("20010017110", "020100", "S") + programme("20010017110", "076700", "O")
                        + programme("20010017110", "030201", "O"));
        ImportReport first = importing(upload("Nomenclature.xml", full));
        assertThat(first.nomenclature().mefs()).isEqualTo(new ImportReport.Counts(2, 0, 0));
        assertThat(first.nomenclature().options()).isEqualTo(new ImportReport.Replaced(0, 2));

        // a partial Nomenclature: one MEF renamed, one subject, no option left
        String partial = nomenclature(uai, mef("20010017110", "2nde GT"), matiere("020100", "Français"),
                programme("20010017110", "020100", "S"));
        ImportReport second = importing(upload("Nomenclature.xml", partial));

        assertThat(second.nomenclature().mefs()).isEqualTo(new ImportReport.Counts(0, 1, 0));
        assertThat(second.nomenclature().subjects()).isEqualTo(new ImportReport.Replaced(3, 1));
        assertThat(second.nomenclature().programmes()).isEqualTo(new ImportReport.Replaced(3, 1));
        assertThat(second.nomenclature().options()).isEqualTo(new ImportReport.Replaced(2, 0));
        assertThat(second.nomenclature().divisions()).isNull();
        // kept with the import: the report of the API says the same afterwards
        mvc.perform(get("/api/establishments/" + uai + "/siecle-imports/" + second.importId()).with(Heads.headOf(uai)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nomenclature.options.before").value(2))
                .andExpect(jsonPath("$.nomenclature.options.after").value(0));
    }

    // ------------------------------------------------------------ Nomenclature under an open téléinscription (point 5)

    static final String SECONDE = "20010017110";

    static String fullProfile(String uaj) {
        return nomenclature(uaj, mef(SECONDE, "2nde générale et technologique"),
                matiere("020100", "Français") + matiere("076700", "Latin") + matiere("030201", "Anglais"),
                programme(SECONDE, "020100", "S") + programme(SECONDE, "076700", "O") + programme(SECONDE, "030201", "F"));
    }

    static String profileWithoutOptions(String uaj) {
        return nomenclature(uaj, mef(SECONDE, "2nde générale et technologique"), matiere("020100", "Français"),
                programme(SECONDE, "020100", "S"));
    }

    /** The académie's window opened at the start of the school year, with the establishment taking part. */
    void openTeleinscriptionFor(String participant) {
        teleinscription.configure("demo", establishments.currentSchoolYear("demo").orElseThrow().startsOn(),
                List.of(participant), "test");
    }

    int options() {
        return jdbc.queryForObject("select count(*) from mef_programme where uai = ? and modality in ('O', 'F')",
                Integer.class, uai);
    }

    @Test
    void aNomenclatureRemovingTheOptionsOfAnOpenTeleinscriptionIsHeldUntilTheHeadConfirms() throws Exception {
        importing(upload("Nomenclature.xml", fullProfile(uai)));
        openTeleinscriptionFor(uai);

        ImportReport held = importing(upload("Nomenclature.xml", profileWithoutOptions(uai)));

        assertThat(held.awaitingConfirmation()).isTrue();
        assertThat(held.confirmation().title()).isEqualTo("Confirmer un import qui retire 2 options de la téléinscription ouverte");
        assertThat(held.confirmation().optionsRemoved()).containsExactly(
                new ImportReport.RemovedOption(SECONDE, "030201", "Anglais"),
                new ImportReport.RemovedOption(SECONDE, "076700", "Latin"));
        assertThat(held.confirmation().departing()).isEmpty();
        assertThat(options()).isEqualTo(2); // nothing applied
        mvc.perform(get("/api/establishments/" + uai + "/siecle-imports/" + held.importId()).with(Heads.headOf(uai)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.awaitingConfirmation").value(true))
                .andExpect(jsonPath("$.confirmation.optionsRemoved[1].label").value("Latin"))
                .andExpect(jsonPath("$.confirmation.optionsRemoved[1].mefCode").value(SECONDE));

        mvc.perform(post("/api/establishments/" + uai + "/siecle-imports/" + held.importId() + "/confirmation")
                        .with(Heads.headOf(uai)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.awaitingConfirmation").value(false))
                .andExpect(jsonPath("$.nomenclature.options.after").value(0));
        assertThat(options()).isZero();
    }

    @Test
    void aNomenclatureRemovingOptionsIsAnsweredWith202ThroughTheApiAndCancelledWithoutChange() throws Exception {
        importing(upload("Nomenclature.xml", fullProfile(uai)));
        openTeleinscriptionFor(uai);

        String body = mvc.perform(multipart("/api/establishments/" + uai + "/siecle-imports")
                        .file(new MockMultipartFile("files", "Nomenclature.xml", "text/xml",
                                profileWithoutOptions(uai).getBytes(LATIN9)))
                        .with(Heads.headOf(uai)))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.awaitingConfirmation").value(true))
                .andExpect(jsonPath("$.confirmation.optionsRemoved.length()").value(2))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String importId = com.jayway.jsonpath.JsonPath.read(body, "$.confirmation.importId");

        mvc.perform(post("/api/establishments/" + uai + "/siecle-imports/" + importId + "/cancellation")
                        .with(Heads.headOf(uai)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.confirmation.state").value("CANCELLED"));
        assertThat(options()).isEqualTo(2);
    }

    @Test
    void optionsRemovedOutsideAnOpenWindowOrByAnotherEstablishmentsImportAreAppliedAtOnce() {
        String other = Heads.newEstablishmentWithHead(establishments, directory);
        openTeleinscriptionFor(other); // open, but this establishment does not take part
        importing(upload("Nomenclature.xml", fullProfile(uai)));

        ImportReport applied = importing(upload("Nomenclature.xml", profileWithoutOptions(uai)));

        assertThat(applied.awaitingConfirmation()).isFalse();
        assertThat(applied.nomenclature().options()).isEqualTo(new ImportReport.Replaced(1, 0));
        assertThat(options()).isZero();
    }

    // ------------------------------------------------------------ issue 17, point 7

    @Test
    void aFileRefusedInsideTheProcessIsAClientMistakeNotAnErrorInTheLog(CapturedOutput output) throws Exception {
        // truncated: its PARAMETRES pass the precheck, the full read inside the service task fails
        String truncated = eleves(uai, eleve("1", "Martin", "Léa", "03/04/2012", ""), division("1", "3A"));
        truncated = truncated.substring(0, truncated.indexOf("<STRUCTURES>") + 20);

        mvc.perform(multipart("/api/establishments/" + uai + "/siecle-imports")
                        .file(new MockMultipartFile("files", "ElevesSansAdresses.xml", "text/xml", truncated.getBytes(LATIN9)))
                        .with(Heads.headOf(uai)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message", Matchers.containsString("tronqué")));

        assertThat(output.getAll()).doesNotContain("ENGINE-16004").doesNotContain("SiecleFormatException");
    }

    // ------------------------------------------------------------ the import screen

    @Test
    void theImportScreenShowsAHeldImportWithItsFirstDeparturesAndConfirmsIt() throws Exception {
        importing(studentFile(1, 30));
        ImportReport held = importing(studentFile(1, 2));
        org.springframework.mock.web.MockHttpSession session = (org.springframework.mock.web.MockHttpSession) mvc.perform(
                org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin("/login")
                        .user(Heads.username(uai)).password(Heads.password(uai))).andReturn().getRequest().getSession(false);
        String page = "/etablissements/" + uai + "/imports/" + held.confirmation().importId();

        org.jsoup.nodes.Document shown = org.jsoup.Jsoup.parse(mvc.perform(get(page).session(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(shown.text()).contains("Confirmer un import qui fait partir 28 élèves").contains("Rien n'a encore été modifié");
        assertThat(shown.select("caption").text()).contains("Premiers élèves qui partiraient, par division (28 sur 28)");
        assertThat(org.jsoup.Jsoup.parse(mvc.perform(get("/etablissements/" + uai + "/imports").session(session))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).text())
                .contains("Import en attente de votre confirmation");

        mvc.perform(post(page + "/confirmation").session(session)
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(present()).isEqualTo(2);
        org.jsoup.nodes.Document report = org.jsoup.Jsoup.parse(mvc.perform(get(page).session(session))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(report.text()).contains("28 CAE invalidé(s)");
    }
}
