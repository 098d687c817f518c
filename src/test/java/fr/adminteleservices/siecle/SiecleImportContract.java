package fr.adminteleservices.siecle;

import static fr.adminteleservices.support.SiecleFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.students.GuardianView;
import fr.adminteleservices.students.StudentDirectory;
import fr.adminteleservices.students.StudentSummary;
import fr.adminteleservices.support.SiecleFixtures;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the SIECLE import must do, run on H2 ({@link SiecleImportOnH2Test}) and on the real
 * MariaDB ({@link SiecleImportOnMariaDbTest}).
 */
abstract class SiecleImportContract {

    @Autowired
    SiecleImportService imports;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    StudentDirectory students;
    @Autowired
    JdbcTemplate jdbc;

    String uai;

    @BeforeEach
    void newEstablishment() {
        uai = SiecleFixtures.newEstablishment(establishments);
    }

    ImportReport importing(SiecleImportService.Upload... uploads) {
        return imports.importExports(uai, List.of(uploads), "test");
    }

    int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table + " where uai = ?", Integer.class, uai);
    }

    @Test
    void demoExportsWereImportedThroughTheImporterAndReimportChangesNothing() throws Exception {
        // given the demo collège loaded at start from the shipped exports (RESP_LEGAL format)
        assertThat(students.population("0990001N").students()).isEqualTo(420);
        assertThat(students.population("0990002P").students()).isEqualTo(380);
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:demo/siecle/0990002P/*.xml");
        List<SiecleImportService.Upload> uploads = Arrays.stream(files)
                .map(r -> new SiecleImportService.Upload(r.getFilename(), r::getInputStream)).toList();

        // when the same exports are imported again
        ImportReport report = imports.importExports("0990002P", uploads, "test");

        // then it is a difference: nothing to create, update or end
        assertThat(report.students()).isEqualTo(new ImportReport.Counts(0, 0, 0));
        assertThat(report.guardians()).isEqualTo(new ImportReport.Counts(0, 0, 0));
        assertThat(report.links()).isEqualTo(new ImportReport.Counts(0, 0, 0));
        assertThat(report.rejected()).isEmpty();
        // and the lycée's NIVEAU_RESPONSABILITE format gave legal guardians 1 and 2
        Integer legal = jdbc.queryForObject("select count(*) from guardian_link where uai = '0990002P' and legal_rank in (1, 2)", Integer.class);
        assertThat(legal).isGreaterThan(380);
    }

    @Test
    void reimportIsAppliedAsADifference() {
        importing(upload("ElevesSansAdresses.xml", eleves(uai,
                eleve("1", "Martin", "Léa", "03/04/2012", "") + eleve("2", "Bernard", "Hugo", "05/06/2012", "")
                        + eleve("3", "Petit", "Chloé", "07/08/2012", ""),
                division("1", "3A") + division("2", "3A") + division("3", "3B"))));

        ImportReport second = importing(upload("ElevesSansAdresses.xml", eleves(uai,
                eleve("1", "Martin", "Léane", "03/04/2012", "")                              // renamed
                        + eleve("2", "Bernard", "Hugo", "05/06/2012", "<DATE_SORTIE>02/11/2026</DATE_SORTIE>") // left
                        // 3 is no longer in the export: left
                        + eleve("4", "Durand", "Inès", "09/10/2012", "")                      // new
                        + eleve("5", "Leroy", "Noé", "11/12/2012", ""),                       // new, inactive
                division("1", "3A") + division("2", "3A") + division("4", "3B") + division("5", "Inactifs"))));

        assertThat(second.students()).isEqualTo(new ImportReport.Counts(2, 1, 2));
        Map<String, StudentSummary> byId = students.students(uai, null, null, true).stream()
                .collect(java.util.stream.Collectors.toMap(StudentSummary::eleveId, s -> s));
        assertThat(byId.get("1").firstName()).isEqualTo("Léane");
        assertThat(byId.get("1").leftOn()).isNull();
        assertThat(byId.get("2").leftOn()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(byId.get("3").leftOn()).isEqualTo(LocalDate.of(2026, 11, 15)); // the export's date
        assertThat(byId.get("5").leftOn()).isNotNull();
        assertThat(byId.get("5").division()).isEqualTo("Inactifs");
        assertThat(byId.get("4").division()).isEqualTo("3B");
    }

    @Test
    void aFileOfAnotherEstablishmentIsRefusedAndNothingIsStored() {
        assertThatThrownBy(() -> importing(upload("ElevesSansAdresses.xml",
                eleves("0750654D", eleve("1", "Martin", "Léa", "03/04/2012", ""), division("1", "3A")))))
                .isInstanceOf(SiecleFormatException.class)
                .hasMessageContaining("0750654D").hasMessageContaining(uai).hasMessageContaining("refusé");
        assertThat(count("student")).isZero();
        assertThat(count("siecle_import")).isZero();
    }

    @Test
    void anExternalEntityIsNeverResolved() {
        String xxe = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE BEE_ELEVES [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n"
                + "<BEE_ELEVES VERSION=\"2.1\">" + parametres(uai) + "<DONNEES><ELEVES>"
                + eleve("1", "&secret;", "Léa", "03/04/2012", "") + "</ELEVES></DONNEES></BEE_ELEVES>";
        assertThatThrownBy(() -> importing(upload("ElevesSansAdresses.xml", xxe, StandardCharsets.UTF_8)))
                .isInstanceOf(SiecleFormatException.class)
                .hasMessageContaining("ElevesSansAdresses.xml");
        assertThat(count("student")).isZero();
        assertThat(jdbc.queryForObject("select count(*) from student where last_name like '%root%'", Integer.class)).isZero();
    }

    @Test
    void aTruncatedFileRefusesTheWholeImportEvenWithAValidOneBesideIt() {
        String valid = eleves(uai, eleve("1", "Martin", "Léa", "03/04/2012", ""), division("1", "3A"));
        String guardians = responsables(uai, personne("10", "MME", "Martin", "Anne", null, "100"),
                respLegal("1", "10", "1"), adresse("100", "1 rue Haute", "99000", "ESSAI"));
        String truncated = guardians.substring(0, guardians.length() / 2);

        assertThatThrownBy(() -> importing(upload("ElevesSansAdresses.xml", valid), upload("ResponsablesAvecAdresses.xml", truncated)))
                .isInstanceOf(SiecleFormatException.class)
                .hasMessageContaining("ResponsablesAvecAdresses.xml")
                .hasMessageContaining("mal formé ou tronqué");
        assertThat(count("student")).isZero();
        assertThat(count("guardian")).isZero();
    }

    @Test
    void unknownElementsAreIgnoredAndAMissingIneIsAccepted() {
        String xml = eleves(uai, eleve("1", "Martin", "Léa", "03/04/2012", "<NOUVEL_ELEMENT_2027><X>1</X></NOUVEL_ELEMENT_2027>")
                        .replaceFirst("<ID_NATIONAL>[^<]*</ID_NATIONAL>", ""),
                division("1", "3A"));
        ImportReport report = importing(upload("ElevesAvecAdresses.xml", xml));
        assertThat(report.students().created()).isEqualTo(1);
        assertThat(report.rejected()).isEmpty();
        assertThat(students.student(uai, "1").orElseThrow().ine()).isNull();
    }

    @Test
    void namesWithOeInIso885915AreReadRightAndTheOlderNomElementWorks() {
        String xml = eleves(uai, eleve("1", "Cœur", "Zoé", "03/04/2012", "")
                        + eleve("2", "X", "Noël", "03/04/2012", "").replace("<NOM_DE_FAMILLE>X</NOM_DE_FAMILLE>", "<NOM>Lœuillet--Bœuf</NOM>"),
                division("1", "3A") + division("2", "3A"));
        byte[] latin9 = xml.getBytes(LATIN9);
        assertThat(latin9).contains((byte) 0xBD); // œ is 0xBD in ISO-8859-15
        importing(raw("ElevesSansAdresses.xml", latin9));
        assertThat(students.student(uai, "1").orElseThrow().lastName()).isEqualTo("Cœur");
        assertThat(students.student(uai, "2").orElseThrow().lastName()).isEqualTo("Lœuillet--Bœuf");
    }

    @Test
    void bothGuardianFormatsGiveLegalRanksAndBadRecordsAreRejectedOneByOne() {
        importing(upload("ElevesSansAdresses.xml", eleves(uai,
                eleve("1", "Martin", "Léa", "03/04/2012", "") + eleve("2", "Petit", "Hugo", "05/06/2012", "")
                        + eleve("3", "Sans", "Date", "31/02/2012", ""),
                division("1", "3A") + division("2", "3A"))));
        // older format, RESP_LEGAL
        ImportReport report = importing(upload("ResponsablesAvecAdresses.xml", responsables(uai,
                personne("10", "MME", "Martin", "Anne", "anne.martin@example.com", "100")
                        + personne("11", "M.", "Martin", "Paul", null, "100")
                        + personne("12", "MME", "Grand", "Mère", null, "101")
                        + personne("13", "M.", "Doublon", "Jean", null, "101"),
                respLegal("1", "10", "1") + respLegal("1", "11", "2") + respLegal("1", "12", "0")
                        + respLegal("1", "13", "1") + respLegal("99", "10", "1"),
                adresse("100", "2 rue Basse", "99000", "ESSAI") + adresse("101", "3 rue Haute", "99000", "ESSAI"))));

        List<GuardianView> guardians = students.guardians(uai, null, null, "1").get("1");
        assertThat(guardians).extracting(GuardianView::personneId, GuardianView::legalRank)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10", 1), org.assertj.core.groups.Tuple.tuple("11", 2),
                        org.assertj.core.groups.Tuple.tuple("12", null));
        assertThat(guardians.get(0).email()).isEqualTo("anne.martin@example.com");
        assertThat(guardians.get(0).postalAddress()).isEqualTo("2 rue Basse, 99000 ESSAI");
        assertThat(report.rejected()).extracting(ImportReport.Rejection::record)
                .contains("ELEVE_ID 1 / PERSONNE_ID 13", "ELEVE_ID 99 / PERSONNE_ID 10");
        assertThat(report.rejected()).filteredOn(r -> r.record().equals("ELEVE_ID 1 / PERSONNE_ID 13"))
                .extracting(ImportReport.Rejection::reason).first().asString().contains("déjà un responsable légal 1");
        assertThat(report.links().created()).isEqualTo(3);

        // newer format, NIVEAU_RESPONSABILITE: the first two level-1 persons are legal 1 and 2, a third is rejected
        ImportReport niveau = importing(upload("ResponsablesAvecAdresses.xml", responsables(uai,
                personne("20", "M.", "Petit", "Marc", null, "200") + personne("21", "MME", "Petit", "Julie", null, "200")
                        + personne("22", "MME", "Tante", "Rose", null, "200") + personne("23", "M.", "Trop", "Nombreux", null, "200"),
                niveau("2", "20", "1") + niveau("2", "21", "1") + niveau("2", "22", "2") + niveau("2", "23", "1"),
                adresse("200", "4 place Verte", "99000", "ESSAI"))));
        assertThat(students.guardians(uai, null, null, "2").get("2"))
                .extracting(GuardianView::personneId, GuardianView::legalRank)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("20", 1), org.assertj.core.groups.Tuple.tuple("21", 2),
                        org.assertj.core.groups.Tuple.tuple("22", null));
        assertThat(niveau.rejected()).extracting(ImportReport.Rejection::reason)
                .anyMatch(r -> r.contains("Plus de deux responsables légaux"));
        // the first format's persons are no longer listed: they left, and their links ended
        assertThat(niveau.guardians().left()).isEqualTo(4);
        assertThat(niveau.links().left()).isEqualTo(3);
    }

    @Test
    void aStudentWithAnImpossibleBirthDateIsRejectedWithItsIdAndAFrenchReason() {
        ImportReport report = importing(upload("ElevesSansAdresses.xml", eleves(uai,
                eleve("1", "Martin", "Léa", "31/02/2012", "") + eleve("2", "Petit", "Hugo", "05/06/2012", ""),
                division("1", "3A") + division("2", "3A"))));
        assertThat(report.students().created()).isEqualTo(1);
        assertThat(report.rejected()).containsExactly(new ImportReport.Rejection("ElevesSansAdresses.xml", "ELEVE_ID 1",
                "Date de naissance invalide : « 31/02/2012 » (DATE_NAISS, format attendu jj/mm/aaaa)."));
        // the report is kept and can be read again
        assertThat(imports.report(uai, report.importId()).orElseThrow().rejected()).hasSize(1);
    }

    @Test
    void aUtf8ExportIsReadAsWellAndATransferKeepsLastYearsSchool() {
        String xml = eleves(uai, eleve("1", "Lefèvre", "Maëlys", "03/04/2012",
                        "<SCOLARITE_AN_DERNIER><CODE_RNE>0750654D</CODE_RNE></SCOLARITE_AN_DERNIER>")
                        + eleve("2", "Nguyễn", "Anh", "03/04/2012",
                        "<SCOLARITE_AN_DERNIER><CODE_RNE>0750654E</CODE_RNE></SCOLARITE_AN_DERNIER>"),
                division("1", "3A") + division("2", "3A"));
        importing(upload("ElevesSansAdresses.xml", xml, StandardCharsets.UTF_8));
        assertThat(students.student(uai, "1").orElseThrow().firstName()).isEqualTo("Maëlys");
        assertThat(students.student(uai, "2").orElseThrow().lastName()).isEqualTo("Nguyễn");
        assertThat(jdbc.queryForList("select previous_uai from student where uai = ? order by eleve_id", String.class, uai))
                .containsExactly("0750654D", null); // a wrong check letter is not a school
    }

    @Test
    void aFileWithAnInvalidUajIsRefused() {
        assertThatThrownBy(() -> importing(upload("ElevesSansAdresses.xml",
                eleves("0750654E", eleve("1", "Martin", "Léa", "03/04/2012", ""), division("1", "3A")))))
                .isInstanceOf(SiecleFormatException.class).hasMessageContaining("UAJ invalide");
    }

    @Test
    void aRealNomenclatureExportGivesTheMefsWithTheirLabels() throws Exception {
        // the real SIECLE file of samples/siecle (collège 0140070A, ISO-8859-15)
        String realUai = "0140070A";
        if (establishments.find(realUai).isEmpty()) {
            establishments.register(new fr.adminteleservices.establishment.Establishment(realUai, "demo", "Collège du Calvados",
                    fr.adminteleservices.establishment.EstablishmentKind.COLLEGE, null, null, "14000", "Caen", null,
                    List.of(), java.util.EnumSet.of(fr.adminteleservices.establishment.SiecleModule.BASE_ELEVES)));
        }
        Resource sample = new PathMatchingResourcePatternResolver().getResource("classpath:samples/siecle/Nomenclature.xml");
        // it is an export of 2018-2019: refused as such, read once its school year is today's
        assertThatThrownBy(() -> imports.importExports(realUai,
                List.of(new SiecleImportService.Upload("Nomenclature.xml", sample::getInputStream)), "test"))
                .isInstanceOf(SiecleFormatException.class).hasMessageContaining("2018-2019");
        byte[] thisYear = new String(sample.getInputStream().readAllBytes(), LATIN9)
                .replace("<ANNEE_SCOLAIRE>2018</ANNEE_SCOLAIRE>", "<ANNEE_SCOLAIRE>2026</ANNEE_SCOLAIRE>").getBytes(LATIN9);
        ImportReport report = imports.importExports(realUai, List.of(raw("Nomenclature.xml", thisYear)), "test");
        assertThat(report.rejected()).isEmpty();
        assertThat(jdbc.queryForList("select edition_label from mef where uai = ? order by code", String.class, realUai))
                .containsExactly("6ème", "5ème", "4ème", "3ème");
        assertThat(jdbc.queryForObject("select mefstat from mef where uai = ? and code = '10310019110'", String.class, realUai))
                .isEqualTo("21160010019");
    }

    @Test
    void aFileThatIsNotASiecleExportIsRefused() {
        assertThatThrownBy(() -> importing(raw("photo.xml", "pas du XML".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(SiecleFormatException.class)
                .hasMessageContaining("photo.xml").hasMessageContaining("n'est pas un export SIECLE reconnu");
    }
}
