package fr.adminteleservices.support;

import static fr.adminteleservices.support.SiecleFixtures.adresse;
import static fr.adminteleservices.support.SiecleFixtures.division;
import static fr.adminteleservices.support.SiecleFixtures.eleve;
import static fr.adminteleservices.support.SiecleFixtures.eleves;
import static fr.adminteleservices.support.SiecleFixtures.personne;
import static fr.adminteleservices.support.SiecleFixtures.respLegal;
import static fr.adminteleservices.support.SiecleFixtures.responsables;
import static fr.adminteleservices.support.SiecleFixtures.upload;

import fr.adminteleservices.siecle.SiecleImportService.Upload;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;

/**
 * Students of an establishment's divisions and their guardians, written as a reader says them and turned into the two
 * SIECLE exports an import takes ({@link #exports()}):
 * <pre>
 * Families.of(uai).student("1", "Martin", "Léa", "03/04/2012", "3A")
 *         .guardian("10", "M.", "Martin", "Paul", "1").email("paul.martin@example.fr")
 *         .guardian("11", "Mme", "Martin", "Claire", "2")
 * </pre>
 * A guardian is the last student's; naming a person again (same id) links them to this student too. The mapper slices,
 * which have no import service, take the same families as rows ({@link #insert(JdbcTemplate)}).
 */
public final class Families {

    private final String uai;
    private final List<Student> students = new ArrayList<>();
    private final Map<String, Guardian> guardians = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();
    private Guardian last;

    private Families(String uai) {
        this.uai = uai;
    }

    public static Families of(String uai) {
        return new Families(uai);
    }

    /**
     * The family most tests start from: Léa Martin in 3A, with her father Paul (legal guardian 1, an e-mail address), her
     * mother Claire (legal guardian 2) and a nanny who is no legal guardian; Hugo Bernard in 3B, with his mother Anne.
     */
    public static Families martinAndBernard(String uai) {
        return of(uai)
                .student("1", "Martin", "Léa", "03/04/2012", "3A")
                .guardian("10", "M.", "Martin", "Paul", "1").email("paul.martin@example.fr")
                .guardian("11", "Mme", "Martin", "Claire", "2")
                .guardian("12", "Mme", "Durand", "Nounou", "0")
                .student("2", "Bernard", "Hugo", "05/06/2012", "3B")
                .guardian("13", "Mme", "Bernard", "Anne", "1");
    }

    public Families student(String eleveId, String nom, String prenom, String naissance, String division) {
        students.add(new Student(eleveId, nom, prenom, naissance, division));
        return this;
    }

    /** SIECLE's elements added to the last student's, such as {@code <DATE_SORTIE>}. */
    public Families with(String extra) {
        lastStudent().extra.append(extra);
        return this;
    }

    /** The last student leaves on this date ({@code dd/MM/yyyy}). */
    public Families leftOn(String date) {
        lastStudent().leftOn = date;
        return with("<DATE_SORTIE>" + date + "</DATE_SORTIE>");
    }

    /** A guardian of the last student; {@code rank} is SIECLE's RESP_LEGAL (1, 2, or 0 for a person who is not one). */
    public Families guardian(String personneId, String civilite, String nom, String prenom, String rank) {
        last = guardians.computeIfAbsent(personneId, id -> new Guardian(id, civilite, nom, prenom));
        links.add(new Link(lastStudent().eleveId, personneId, rank));
        return this;
    }

    public Families email(String email) {
        lastGuardian().email = email;
        return this;
    }

    public Families address(String adresseId, String ligne1, String codePostal, String commune) {
        lastGuardian().adresseId = adresseId;
        lastGuardian().address = new String[] {ligne1, codePostal, commune};
        return this;
    }

    /** ElevesSansAdresses.xml; with ResponsablesAvecAdresses.xml when there are guardians. */
    public List<Upload> exports() {
        StringBuilder eleves = new StringBuilder();
        StringBuilder divisions = new StringBuilder();
        for (Student s : students) {
            eleves.append(eleve(s.eleveId, s.nom, s.prenom, s.naissance, s.extra.toString()));
            divisions.append(division(s.eleveId, s.division));
        }
        Upload students = upload("ElevesSansAdresses.xml", eleves(uai, eleves.toString(), divisions.toString()));
        if (guardians.isEmpty()) {
            return List.of(students);
        }
        StringBuilder personnes = new StringBuilder();
        StringBuilder adresses = new StringBuilder();
        for (Guardian g : guardians.values()) {
            personnes.append(personne(g.personneId, g.civilite, g.nom, g.prenom, g.email, g.adresseId));
            if (g.address != null) {
                adresses.append(adresse(g.adresseId, g.address[0], g.address[1], g.address[2]));
            }
        }
        StringBuilder liens = new StringBuilder();
        links.forEach(l -> liens.append(respLegal(l.eleveId(), l.personneId(), l.rank())));
        return List.of(students, upload("ResponsablesAvecAdresses.xml",
                responsables(uai, personnes.toString(), liens.toString(), adresses.toString())));
    }

    /**
     * The families as the import would leave them in the tables (establishment of the demo académie included), for the
     * mapper slices; the ids the database gave.
     */
    public Rows insert(JdbcTemplate jdbc) {
        jdbc.update("insert into academy (code, name) select 'demo', 'Académie de démonstration' from (select 1 as one) x"
                + " where not exists (select 1 from academy where code = 'demo')");
        jdbc.update("insert into establishment (uai, academy_code, name, kind) select ?, 'demo', ?, 'COLLEGE' from (select 1 as one) x"
                + " where not exists (select 1 from establishment where uai = ?)", uai, "Collège d'essai " + uai, uai);
        Rows rows = new Rows(new HashMap<>(), new HashMap<>(), new HashMap<>());
        for (Student s : students) {
            Map<String, Object> row = new HashMap<>();
            row.put("uai", uai);
            row.put("eleve_id", s.eleveId);
            row.put("ine", SiecleFixtures.ine(uai, s.eleveId));
            row.put("last_name", s.nom);
            row.put("first_name", s.prenom);
            row.put("birth_date", date(s.naissance));
            row.put("mef_code", "10310019110");
            row.put("division_code", s.division);
            row.put("left_on", s.leftOn == null ? null : date(s.leftOn));
            rows.students().put(s.eleveId, insert(jdbc, "student", row));
        }
        for (Guardian g : guardians.values()) {
            Map<String, Object> row = new HashMap<>();
            row.put("uai", uai);
            row.put("personne_id", g.personneId);
            row.put("civility", g.civilite);
            row.put("last_name", g.nom);
            row.put("first_name", g.prenom);
            row.put("email", g.email.isEmpty() ? null : g.email);
            row.put("address_line1", g.address == null ? null : g.address[0]);
            row.put("postal_code", g.address == null ? null : g.address[1]);
            row.put("city", g.address == null ? null : g.address[2]);
            rows.guardians().put(g.personneId, insert(jdbc, "guardian", row));
        }
        for (Link l : links) {
            Map<String, Object> row = new HashMap<>();
            row.put("uai", uai);
            row.put("student_id", rows.student(l.eleveId()));
            row.put("guardian_id", rows.guardian(l.personneId()));
            row.put("legal_rank", Integer.valueOf(l.rank()));
            rows.links().put(l.eleveId() + "/" + l.personneId(), insert(jdbc, "guardian_link", row));
        }
        return rows;
    }

    /** These columns only: the others keep their defaults. */
    private static long insert(JdbcTemplate jdbc, String table, Map<String, Object> row) {
        return new SimpleJdbcInsert(jdbc).withTableName(table).usingColumns(row.keySet().toArray(String[]::new))
                .usingGeneratedKeyColumns("id").executeAndReturnKey(row).longValue();
    }

    private static LocalDate date(String ddMMyyyy) {
        return LocalDate.parse(ddMMyyyy, DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    }

    /** The ids of {@link #insert}'s rows: students by ELEVE_ID, guardians by PERSONNE_ID, couples by both. */
    public record Rows(Map<String, Long> students, Map<String, Long> guardians, Map<String, Long> links) {

        public long student(String eleveId) {
            return students.get(eleveId);
        }

        public long guardian(String personneId) {
            return guardians.get(personneId);
        }

        public long link(String eleveId, String personneId) {
            return links.get(eleveId + "/" + personneId);
        }
    }

    private Student lastStudent() {
        if (students.isEmpty()) {
            throw new IllegalStateException("a guardian or a detail belongs to a student: name one first");
        }
        return students.get(students.size() - 1);
    }

    private Guardian lastGuardian() {
        if (last == null) {
            throw new IllegalStateException("an e-mail address or a postal address belongs to a guardian: name one first");
        }
        return last;
    }

    private static final class Student {
        final String eleveId;
        final String nom;
        final String prenom;
        final String naissance;
        final String division;
        final StringBuilder extra = new StringBuilder();
        String leftOn;

        Student(String eleveId, String nom, String prenom, String naissance, String division) {
            this.eleveId = eleveId;
            this.nom = nom;
            this.prenom = prenom;
            this.naissance = naissance;
            this.division = division;
        }
    }

    private record Link(String eleveId, String personneId, String rank) {
    }

    private static final class Guardian {
        final String personneId;
        final String civilite;
        final String nom;
        final String prenom;
        // SIECLE writes these elements empty when it has nothing
        String email = "";
        String adresseId = "";
        // line 1, postal code, city
        String[] address;

        Guardian(String personneId, String civilite, String nom, String prenom) {
            this.personneId = personneId;
            this.civilite = civilite;
            this.nom = nom;
            this.prenom = prenom;
        }
    }
}
