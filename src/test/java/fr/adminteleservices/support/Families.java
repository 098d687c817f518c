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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Students of an establishment's divisions and their guardians, written as a reader says them and turned into the two
 * SIECLE exports an import takes ({@link #exports()}):
 * <pre>
 * Families.of(uai).student("1", "Martin", "Léa", "03/04/2012", "3A")
 *         .guardian("10", "M.", "Martin", "Paul", "1").email("paul.martin@example.fr")
 *         .guardian("11", "Mme", "Martin", "Claire", "2")
 * </pre>
 * A guardian is the last student's; naming a person again (same id) links them to this student too.
 */
public final class Families {

    private final String uai;
    private final List<Student> students = new ArrayList<>();
    private final Map<String, Guardian> guardians = new LinkedHashMap<>();
    private final List<String> links = new ArrayList<>();
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
        students.add(new Student(eleveId, nom, prenom, naissance, division, new StringBuilder()));
        return this;
    }

    /** SIECLE's elements added to the last student's, such as {@code <DATE_SORTIE>}. */
    public Families with(String extra) {
        lastStudent().extra().append(extra);
        return this;
    }

    /** The last student leaves on this date ({@code dd/MM/yyyy}). */
    public Families leftOn(String date) {
        return with("<DATE_SORTIE>" + date + "</DATE_SORTIE>");
    }

    /** A guardian of the last student; {@code rank} is SIECLE's RESP_LEGAL (1, 2, or 0 for a person who is not one). */
    public Families guardian(String personneId, String civilite, String nom, String prenom, String rank) {
        last = guardians.computeIfAbsent(personneId, id -> new Guardian(id, civilite, nom, prenom));
        links.add(respLegal(lastStudent().eleveId(), personneId, rank));
        return this;
    }

    public Families email(String email) {
        lastGuardian().email = email;
        return this;
    }

    public Families address(String adresseId, String ligne1, String codePostal, String commune) {
        lastGuardian().adresseId = adresseId;
        lastGuardian().address = adresse(adresseId, ligne1, codePostal, commune);
        return this;
    }

    /** ElevesSansAdresses.xml; with ResponsablesAvecAdresses.xml when there are guardians. */
    public List<Upload> exports() {
        StringBuilder eleves = new StringBuilder();
        StringBuilder divisions = new StringBuilder();
        for (Student s : students) {
            eleves.append(eleve(s.eleveId(), s.nom(), s.prenom(), s.naissance(), s.extra().toString()));
            divisions.append(division(s.eleveId(), s.division()));
        }
        Upload students = upload("ElevesSansAdresses.xml", eleves(uai, eleves.toString(), divisions.toString()));
        if (guardians.isEmpty()) {
            return List.of(students);
        }
        StringBuilder personnes = new StringBuilder();
        StringBuilder adresses = new StringBuilder();
        for (Guardian g : guardians.values()) {
            personnes.append(personne(g.personneId, g.civilite, g.nom, g.prenom, g.email, g.adresseId));
            adresses.append(g.address);
        }
        return List.of(students, upload("ResponsablesAvecAdresses.xml",
                responsables(uai, personnes.toString(), String.join("", links), adresses.toString())));
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

    private record Student(String eleveId, String nom, String prenom, String naissance, String division, StringBuilder extra) {
    }

    private static final class Guardian {
        final String personneId;
        final String civilite;
        final String nom;
        final String prenom;
        // SIECLE writes these elements empty when it has nothing
        String email = "";
        String adresseId = "";
        String address = "";

        Guardian(String personneId, String civilite, String nom, String prenom) {
            this.personneId = personneId;
            this.civilite = civilite;
            this.nom = nom;
            this.prenom = prenom;
        }
    }
}
