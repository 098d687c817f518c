package fr.adminteleservices.siecle.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.adminteleservices.siecle.generator.SiecleExportGenerator.EstablishmentSummary;
import fr.adminteleservices.siecle.generator.SiecleExportGenerator.GuardianFormat;
import fr.adminteleservices.siecle.generator.SiecleExportGenerator.Kind;
import fr.adminteleservices.siecle.generator.SiecleExportGenerator.Options;
import fr.adminteleservices.siecle.generator.SiecleExportGenerator.Summary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiecleExportGeneratorTest {

    private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>";
    private static final List<String> FILES = List.of(SiecleExportGenerator.ELEVES_FILE,
            SiecleExportGenerator.RESPONSABLES_FILE, SiecleExportGenerator.NOMENCLATURE_FILE,
            SiecleExportGenerator.STRUCTURES_FILE);

    @TempDir
    static Path tmp;

    private static Summary summary;

    @BeforeAll
    static void generateOnce() throws IOException {
        summary = SiecleExportGenerator.generate(options(tmp.resolve("a")));
    }

    private static Options options(Path out) {
        // 2 establishments: index 0 collège / RESP_LEGAL, index 1 lycée / NIVEAU_RESPONSABILITE
        return new Options(1200, 2, 7L, out, null, 2026, null, null, 0);
    }

    @Test
    void sameArgumentsGiveByteIdenticalFiles() throws IOException {
        SiecleExportGenerator.generate(options(tmp.resolve("b")));
        for (EstablishmentSummary e : summary.establishments()) {
            for (String file : FILES) {
                byte[] first = Files.readAllBytes(tmp.resolve("a").resolve(e.uai()).resolve(file));
                byte[] second = Files.readAllBytes(tmp.resolve("b").resolve(e.uai()).resolve(file));
                assertThat(second).as(e.uai() + "/" + file).isEqualTo(first);
            }
        }
    }

    @Test
    void anotherSeedGivesOtherData() throws IOException {
        Options other = new Options(1200, 2, 8L, tmp.resolve("c"), null, 2026, null, null, 0);
        SiecleExportGenerator.generate(other);
        String uai = summary.establishments().get(0).uai();
        assertThat(Files.readAllBytes(tmp.resolve("c").resolve(uai).resolve(SiecleExportGenerator.ELEVES_FILE)))
                .isNotEqualTo(Files.readAllBytes(tmp.resolve("a").resolve(uai).resolve(SiecleExportGenerator.ELEVES_FILE)));
    }

    @Test
    void uaiCheckLetters() {
        assertThat(SiecleExportGenerator.uai(750654)).isEqualTo("0750654D");
        assertThat(SiecleExportGenerator.uai(990001)).isEqualTo("0990001N");
        assertThat(SiecleExportGenerator.uai(990002)).isEqualTo("0990002P");
        assertThat(SiecleExportGenerator.isValidUai("0750654D")).isTrue();
        assertThat(SiecleExportGenerator.isValidUai("0750654E")).isFalse();
        assertThat(SiecleExportGenerator.isValidUai("075065D")).isFalse();
        assertThat(summary.establishments()).extracting(EstablishmentSummary::uai)
                .containsExactly("0990001N", "0990002P");
        assertThatThrownBy(() -> new Options(10, 1, 1L, tmp, null, 2026, "0990001A", null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void filesAreWellFormedIso885915WithProlog() throws Exception {
        boolean oeBytes = false;
        boolean oeText = false;
        for (EstablishmentSummary e : summary.establishments()) {
            for (String file : FILES) {
                Path path = e.directory().resolve(file);
                byte[] bytes = Files.readAllBytes(path);
                assertThat(new String(bytes, 0, PROLOG.length(), StandardCharsets.US_ASCII)).isEqualTo(PROLOG);
                for (byte b : bytes) {
                    oeBytes |= (b & 0xFF) == 0xBD; // œ in ISO-8859-15
                }
                assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("&#");
                try (InputStream in = Files.newInputStream(path)) {
                    XMLStreamReader r = factory().createXMLStreamReader(in);
                    assertThat(r.getCharacterEncodingScheme()).isEqualTo("ISO-8859-15");
                    while (r.hasNext()) {
                        if (r.next() == XMLStreamConstants.CHARACTERS && r.getText().contains("œ")) {
                            oeText = true;
                        }
                    }
                }
            }
        }
        assertThat(oeBytes).as("an œ byte (0xBD) somewhere").isTrue();
        assertThat(oeText).as("an œ read back by the XML parser").isTrue();
    }

    @Test
    void bothGuardianFormatsArePresent() throws Exception {
        EstablishmentSummary college = summary.establishments().get(0);
        EstablishmentSummary lycee = summary.establishments().get(1);
        assertThat(college.guardianFormat()).isEqualTo(GuardianFormat.RESP_LEGAL);
        assertThat(college.kind()).isEqualTo(Kind.COLLEGE);
        assertThat(lycee.guardianFormat()).isEqualTo(GuardianFormat.NIVEAU_RESPONSABILITE);
        assertThat(lycee.kind()).isEqualTo(Kind.LYCEE);

        Map<String, Integer> c = countElements(college.directory().resolve(SiecleExportGenerator.RESPONSABLES_FILE));
        Map<String, Integer> l = countElements(lycee.directory().resolve(SiecleExportGenerator.RESPONSABLES_FILE));
        assertThat(c).containsKeys("RESP_LEGAL", "RESP_FINANCIER", "PERS_CONTACT").doesNotContainKey("NIVEAU_RESPONSABILITE");
        assertThat(l).containsKeys("NIVEAU_RESPONSABILITE", "PAIE_FRAIS_SCOLAIRES").doesNotContainKey("RESP_LEGAL");

        for (EstablishmentSummary e : summary.establishments()) {
            String level = e.guardianFormat() == GuardianFormat.RESP_LEGAL ? "RESP_LEGAL" : "NIVEAU_RESPONSABILITE";
            Map<String, Integer> legalPerStudent = new HashMap<>();
            Set<String> levels = new HashSet<>();
            for (Map<String, List<String>> link : records(e.directory().resolve(SiecleExportGenerator.RESPONSABLES_FILE),
                    "RESPONSABLE_ELEVE")) {
                String value = first(link, level);
                levels.add(value);
                boolean legal = e.guardianFormat() == GuardianFormat.RESP_LEGAL ? !value.equals("0") : value.equals("1");
                legalPerStudent.merge(first(link, "ELEVE_ID"), legal ? 1 : 0, Integer::sum);
            }
            assertThat(legalPerStudent.values()).as("one or two legal guardians").allMatch(n -> n == 1 || n == 2);
            assertThat(legalPerStudent).hasSize(e.students());
            assertThat(levels).as(level + " values").containsAnyOf("0", "2", "3");
        }
    }

    @Test
    void returnedCountsMatchTheElementsWritten() throws Exception {
        long students = 0;
        for (EstablishmentSummary e : summary.establishments()) {
            Map<String, Integer> eleves = countElements(e.directory().resolve(SiecleExportGenerator.ELEVES_FILE));
            Map<String, Integer> resp = countElements(e.directory().resolve(SiecleExportGenerator.RESPONSABLES_FILE));
            Map<String, Integer> structures = countElements(e.directory().resolve(SiecleExportGenerator.STRUCTURES_FILE));
            assertThat(eleves.get("ELEVE")).isEqualTo(e.students());
            assertThat(eleves.get("STRUCTURES_ELEVE")).isEqualTo(e.students());
            assertThat(resp.get("PERSONNE").longValue()).isEqualTo(e.persons());
            assertThat(resp.get("RESPONSABLE_ELEVE").longValue()).isEqualTo(e.links());
            assertThat(resp.get("ADRESSE").longValue()).isEqualTo(e.addresses());
            assertThat(structures.get("DIVISION")).isEqualTo(e.divisions());
            students += e.students();
        }
        assertThat(students).isEqualTo(1200).isEqualTo(summary.students());
        assertThat(summary.persons()).isEqualTo(summary.establishments().stream().mapToLong(EstablishmentSummary::persons).sum());
        assertThat(summary.links()).isEqualTo(summary.establishments().stream().mapToLong(EstablishmentSummary::links).sum());
    }

    @Test
    void referencesAreConsistentAndTheExpectedCasesOccur() throws Exception {
        Set<String> allEleveIds = new HashSet<>();
        Set<String> allPersonIds = new HashSet<>();
        Set<String> allInes = new HashSet<>();
        for (EstablishmentSummary e : summary.establishments()) {
            Path dir = e.directory();
            // Structures: division -> MEF; Nomenclature: MEF codes
            Map<String, String> divisionMef = new HashMap<>();
            for (Map<String, List<String>> d : records(dir.resolve(SiecleExportGenerator.STRUCTURES_FILE), "DIVISION")) {
                divisionMef.put(first(d, "@CODE_STRUCTURE"), first(d, "MEFS_APPARTENANCE/MEF_APPARTENANCE/CODE_MEF"));
            }
            Set<String> groups = new HashSet<>();
            for (Map<String, List<String>> g : records(dir.resolve(SiecleExportGenerator.STRUCTURES_FILE), "GROUPE")) {
                groups.add(first(g, "@CODE_STRUCTURE"));
            }
            Set<String> mefs = new HashSet<>();
            for (Map<String, List<String>> m : records(dir.resolve(SiecleExportGenerator.NOMENCLATURE_FILE), "MEF")) {
                mefs.add(first(m, "@CODE_MEF"));
            }
            assertThat(records(dir.resolve(SiecleExportGenerator.NOMENCLATURE_FILE), "MATIERE")).isNotEmpty();
            assertThat(Set.copyOf(divisionMef.values())).isEqualTo(mefs);

            Path eleves = dir.resolve(SiecleExportGenerator.ELEVES_FILE);
            Map<String, String> mefOfStudent = new HashMap<>();
            int withoutIne = 0;
            int left = 0;
            int transfers = 0;
            for (Map<String, List<String>> s : records(eleves, "ELEVE")) {
                String id = first(s, "@ELEVE_ID");
                assertThat(allEleveIds.add(id)).as("unique ELEVE_ID " + id).isTrue();
                assertThat(first(s, "ELENOET")).isEqualTo(first(s, "@ELENOET"));
                mefOfStudent.put(id, first(s, "CODE_MEF"));
                if (s.containsKey("ID_NATIONAL")) {
                    assertThat(first(s, "ID_NATIONAL")).matches("\\d{9}[A-Z]{2}");
                    assertThat(allInes.add(first(s, "ID_NATIONAL"))).isTrue();
                } else {
                    withoutIne++;
                }
                assertThat(first(s, "DATE_NAISS")).matches("\\d{2}/\\d{2}/\\d{4}");
                assertThat(first(s, "CODE_SEXE")).isIn("1", "2");
                if (s.containsKey("DATE_SORTIE")) {
                    left++;
                }
                String rne = first(s, "SCOLARITE_AN_DERNIER/CODE_RNE");
                if (rne != null) {
                    assertThat(SiecleExportGenerator.isValidUai(rne)).as(rne).isTrue();
                    if (!rne.equals(e.uai())) {
                        transfers++;
                    }
                }
                assertThat(s).containsKeys("NOM_DE_FAMILLE", "PRENOM", "CODE_MEF", "CODE_STATUT", "DATE_ENTREE",
                        "CODE_REGIME");
            }
            int inactive = 0;
            for (Map<String, List<String>> se : records(eleves, "STRUCTURES_ELEVE")) {
                String id = first(se, "@ELEVE_ID");
                List<String> codes = se.get("STRUCTURE/CODE_STRUCTURE");
                List<String> types = se.get("STRUCTURE/TYPE_STRUCTURE");
                assertThat(types.get(0)).isEqualTo("D");
                if (codes.get(0).equals(SiecleExportGenerator.INACTIFS)) {
                    inactive++;
                } else {
                    assertThat(divisionMef.get(codes.get(0))).as("MEF of division " + codes.get(0))
                            .isEqualTo(mefOfStudent.get(id));
                }
                if (codes.size() > 1) {
                    assertThat(types.get(1)).isEqualTo("G");
                    assertThat(groups).contains(codes.get(1));
                }
            }
            assertThat(mefOfStudent.values()).allMatch(mefs::contains);
            assertThat(withoutIne).as("students without INE").isPositive();
            assertThat(left).as("students with DATE_SORTIE").isPositive();
            assertThat(inactive).as("students in Inactifs").isPositive();
            assertThat(transfers).as("transfers").isBetween(e.students() / 20, e.students() / 5);

            Path resp = dir.resolve(SiecleExportGenerator.RESPONSABLES_FILE);
            Set<String> addressIds = new HashSet<>();
            for (Map<String, List<String>> a : records(resp, "ADRESSE")) {
                addressIds.add(first(a, "@ADRESSE_ID"));
            }
            Set<String> personIds = new HashSet<>();
            int withMail = 0;
            List<Map<String, List<String>>> persons = records(resp, "PERSONNE");
            for (Map<String, List<String>> p : persons) {
                String id = first(p, "@PERSONNE_ID");
                personIds.add(id);
                assertThat(allPersonIds.add(id)).as("unique PERSONNE_ID " + id).isTrue();
                assertThat(addressIds).contains(first(p, "ADRESSE_ID"));
                assertThat(first(p, "LC_CIVILITE")).isIn("M.", "MME");
                if (p.containsKey("MEL")) {
                    withMail++;
                    assertThat(first(p, "MEL")).matches("[a-z0-9.-]+@example\\.(com|net|org)");
                }
            }
            assertThat((double) withMail / persons.size()).isBetween(0.55, 0.75);
            Map<String, Set<String>> studentsOfPerson = new HashMap<>();
            for (Map<String, List<String>> link : records(resp, "RESPONSABLE_ELEVE")) {
                assertThat(mefOfStudent).containsKey(first(link, "ELEVE_ID"));
                assertThat(personIds).contains(first(link, "PERSONNE_ID"));
                studentsOfPerson.computeIfAbsent(first(link, "PERSONNE_ID"), k -> new HashSet<>())
                        .add(first(link, "ELEVE_ID"));
            }
            assertThat(studentsOfPerson.values()).as("guardians shared by siblings").anyMatch(s -> s.size() > 1);
        }
    }

    @Test
    void allNamesAndPlacesAreEncodableInIso885915() {
        CharsetEncoder encoder = Charset.forName("ISO-8859-15").newEncoder();
        List<String> all = new ArrayList<>();
        Stream.of(FrenchNames.MALE_FIRST_NAMES, FrenchNames.FEMALE_FIRST_NAMES, FrenchNames.FAMILY_NAMES,
                FrenchPlaces.STREET_NAMES, FrenchPlaces.STREET_TYPES, FrenchPlaces.COMPLEMENTS, FrenchPlaces.LIEUX_DITS)
                .forEach(a -> all.addAll(List.of(a)));
        for (String[][] group : FrenchPlaces.COMMUNE_GROUPS) {
            for (String[] c : group) {
                all.addAll(List.of(c));
            }
        }
        for (String[] f : FrenchPlaces.FOREIGN) {
            all.addAll(List.of(f));
        }
        assertThat(all).allMatch(encoder::canEncode);
        assertThat(FrenchNames.MALE_FIRST_NAMES.length + FrenchNames.FEMALE_FIRST_NAMES.length).isGreaterThan(300);
        assertThat(FrenchNames.FAMILY_NAMES).contains("Cœur", "N'Diaye", "D'Almeida");
        assertThat(SiecleExportGenerator.ascii("Lœuillet")).isEqualTo("loeuillet");
        assertThat(SiecleExportGenerator.ascii("N'Diaye")).isEqualTo("ndiaye");
        assertThat(SiecleExportGenerator.ascii("Anne-Sophie")).isEqualTo("anne-sophie");
    }

    // ------------------------------------------------------------------------------------------------ StAX helpers

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }

    private static Map<String, Integer> countElements(Path file) throws IOException, XMLStreamException {
        Map<String, Integer> counts = new HashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = factory().createXMLStreamReader(in);
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT) {
                    counts.merge(r.getLocalName(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /**
     * Every element named {@code record}, flattened: attributes as "@NAME", descendant texts by path relative to the
     * record ("SCOLARITE_AN_DERNIER/CODE_RNE"); repeated paths keep every value in order.
     */
    private static List<Map<String, List<String>>> records(Path file, String record)
            throws IOException, XMLStreamException {
        List<Map<String, List<String>>> result = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = factory().createXMLStreamReader(in);
            Map<String, List<String>> current = null;
            Deque<String> path = new ArrayDeque<>();
            StringBuilder text = new StringBuilder();
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (current == null && r.getLocalName().equals(record)) {
                        current = new LinkedHashMap<>();
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            current.computeIfAbsent("@" + r.getAttributeLocalName(i), k -> new ArrayList<>())
                                    .add(r.getAttributeValue(i));
                        }
                        path.clear();
                    } else if (current != null) {
                        path.addLast(r.getLocalName());
                    }
                    text.setLength(0);
                } else if (event == XMLStreamConstants.CHARACTERS && current != null) {
                    text.append(r.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT && current != null) {
                    if (path.isEmpty()) {
                        result.add(current);
                        current = null;
                    } else {
                        current.computeIfAbsent(String.join("/", path), k -> new ArrayList<>()).add(text.toString().trim());
                        path.removeLast();
                    }
                    text.setLength(0);
                }
            }
        }
        return result;
    }

    private static String first(Map<String, List<String>> record, String key) {
        List<String> values = record.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
