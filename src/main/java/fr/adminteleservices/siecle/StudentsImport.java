package fr.adminteleservices.siecle;

import static fr.adminteleservices.siecle.SiecleValues.capitalize;
import static fr.adminteleservices.siecle.SiecleValues.firstNonNull;
import static fr.adminteleservices.siecle.SiecleValues.intern;
import static fr.adminteleservices.siecle.SiecleValues.parseDate;
import static fr.adminteleservices.siecle.SiecleValues.truncate;

import fr.adminteleservices.establishment.Uai;
import fr.adminteleservices.siecle.ImportRows.StudentRow;
import fr.adminteleservices.siecle.SiecleImporter.ExportFile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** ElevesSansAdresses.xml or ElevesAvecAdresses.xml: the students, checked record by record. */
final class StudentsImport {

    private static final Pattern INE = Pattern.compile("[0-9A-Z]{11}");
    private static final String INACTIVE_DIVISION = "Inactifs";

    private StudentsImport() {
    }

    /**
     * The students as a difference: created, updated, left (no longer in the export, or in the division « Inactifs »);
     * an exit planned after today keeps the student present until then.
     */
    static void apply(ImportRun run, ExportFile file) {
        Map<String, StudentRow> parsed = new LinkedHashMap<>();
        Map<String, String> divisions = new HashMap<>();
        Set<String> seen = new HashSet<>();
        run.read(file, Set.of("ELEVE", "STRUCTURES_ELEVE"), r -> {
            if (r.name.equals("ELEVE")) {
                StudentRow s = parseStudent(run, file, r, seen);
                if (s != null) {
                    parsed.put(s.eleveId(), s);
                }
            } else {
                String eleveId = r.get("ELEVE_ID");
                if (eleveId == null) {
                    return;
                }
                for (SiecleRecord structure : r.all("STRUCTURE")) {
                    if ("D".equals(structure.get("TYPE_STRUCTURE")) && structure.get("CODE_STRUCTURE") != null) {
                        divisions.putIfAbsent(eleveId, structure.get("CODE_STRUCTURE").intern());
                    }
                }
            }
        });
        LocalDate leaveDate = run.leaveDate();
        // what the database holds, as compact fingerprints: the full rows are not kept in memory
        Map<String, ImportRun.Known> existing = new HashMap<>();
        run.mapper.students(run.uai, ctx -> {
            StudentRow s = ctx.getResultObject();
            existing.put(s.eleveId(), new ImportRun.Known(s.id(), Fingerprint.of(s), s.leftOn()));
        });
        for (StudentRow s : parsed.values()) {
            String division = divisions.get(s.eleveId());
            LocalDate leftOn = s.leftOn();
            LocalDate plannedExit = null;
            if (leftOn != null && leftOn.isAfter(leaveDate) && leftOn.isAfter(run.today)) {
                // an exit planned after today: present until then, when « Sorties prévues des élèves » makes them leave
                plannedExit = leftOn;
                leftOn = null;
            }
            if (INACTIVE_DIVISION.equalsIgnoreCase(division) && leftOn == null) {
                leftOn = leaveDate;
            }
            StudentRow row = new StudentRow(null, run.uai, s.eleveId(), s.elenoet(), s.ine(), s.lastName(), s.usageName(),
                    s.firstName(), s.firstName2(), s.birthDate(), s.sex(), s.mefCode(), division, s.entryDate(), leftOn,
                    s.previousUai(), plannedExit);
            ImportRun.Known old = existing.get(s.eleveId());
            if (old == null) {
                run.mapper.insertStudent(row);
                run.students[0]++;
            } else {
                StudentRow candidate = row.withId(old.id());
                if (old.leftOn() != null && candidate.leftOn() != null) {
                    candidate = candidate.leaving(old.leftOn()); // keep the first known exit date
                }
                if (!old.sameAs(Fingerprint.of(candidate), candidate.leftOn())) {
                    run.mapper.updateStudent(candidate);
                    if (old.leftOn() == null && candidate.leftOn() != null) {
                        run.students[2]++;
                        run.leaving.add(s.eleveId());
                    } else {
                        run.students[1]++;
                    }
                }
            }
            run.flushIfNeeded();
        }
        // students no longer in the export have left the establishment
        for (Map.Entry<String, ImportRun.Known> e : existing.entrySet()) {
            if (!seen.contains(e.getKey()) && e.getValue().leftOn() == null) {
                run.mapper.markStudentLeft(run.uai, e.getValue().id(), leaveDate);
                run.students[2]++;
                run.leaving.add(e.getKey());
                run.flushIfNeeded();
            }
        }
        run.flush();
        reportSharedInes(run, file, parsed.values());
    }

    /**
     * Continuity of access (G7) matches students by INE: an INE on two students of the file, or on a present
     * student of another establishment of the académie who is not leaving it, is reported with both ELEVE_IDs,
     * and continuity does not attach on it (ContinuityMapper.xml).
     */
    private static void reportSharedInes(ImportRun run, ExportFile file, Collection<StudentRow> students) {
        for (ImportRows.IneHeldElsewhere d : run.mapper.inesHeldElsewhere(run.uai)) {
            run.reject(file, "ELEVE_ID " + d.eleveId(), "INE " + d.ine() + " porté aussi par l'élève ELEVE_ID " + d.otherEleveId()
                    + ", présent dans l'établissement " + d.otherUai() + " : un INE est propre à un élève, vérifiez-le "
                    + "dans SIECLE (pas de continuité d'accès sur cet INE tant qu'il est en double).");
        }
        Map<String, String> byIne = new HashMap<>();
        for (StudentRow s : students) {
            if (s.ine() == null) {
                continue;
            }
            String other = byIne.putIfAbsent(s.ine(), s.eleveId());
            if (other != null) {
                run.reject(file, "ELEVE_ID " + s.eleveId(), "INE " + s.ine() + " porté aussi par l'élève ELEVE_ID " + other
                        + " du fichier : un INE est propre à un élève, vérifiez-le dans SIECLE (pas de continuité d'accès "
                        + "sur cet INE).");
            }
        }
    }

    private static StudentRow parseStudent(ImportRun run, ExportFile file, SiecleRecord r, Set<String> seen) {
        String eleveId = r.get("ELEVE_ID");
        if (eleveId == null) {
            run.reject(file, "ELEVE (ligne " + r.line + ")", "ELEVE_ID absent : élève ignoré.");
            return null;
        }
        String record = "ELEVE_ID " + eleveId;
        if (!seen.add(eleveId)) {
            run.reject(file, record, "ELEVE_ID en double dans le fichier : seule la première occurrence est importée.");
            return null;
        }
        List<String> problems = new ArrayList<>();
        String lastName = firstNonNull(r.get("NOM_DE_FAMILLE"), r.get("NOM"));
        if (lastName == null) {
            problems.add("nom de famille absent (NOM_DE_FAMILLE)");
        }
        String firstName = r.get("PRENOM");
        if (firstName == null) {
            problems.add("prénom absent (PRENOM)");
        }
        LocalDate birthDate = parseDate(r, "DATE_NAISS", "date de naissance", true, problems);
        LocalDate entryDate = parseDate(r, "DATE_ENTREE", "date d'entrée", false, problems);
        LocalDate exitDate = parseDate(r, "DATE_SORTIE", "date de sortie", false, problems);
        String ine = r.get("ID_NATIONAL");
        if (ine != null && !INE.matcher(ine.toUpperCase()).matches()) {
            // a bad INE must not cost the student their code: imported without it
            run.reject(file, record, "INE (ID_NATIONAL) mal formé : « " + ine
                    + " » (11 chiffres et lettres attendus) : l'élève est importé sans INE.");
            ine = null;
        }
        if (birthDate != null && birthDate.isAfter(run.today)) {
            problems.add("date de naissance dans le futur (" + r.get("DATE_NAISS") + ")");
        }
        if (!problems.isEmpty()) {
            run.rejectedStudents.add(eleveId);
            run.reject(file, record, capitalize(String.join(" ; ", problems)) + ".");
            return null;
        }
        SiecleRecord lastYear = r.child("SCOLARITE_AN_DERNIER");
        String previousUai = lastYear == null ? null : lastYear.get("CODE_RNE");
        if (previousUai != null && (!Uai.isValid(previousUai.toUpperCase()) || previousUai.equalsIgnoreCase(run.uai))) {
            previousUai = null; // not a transfer, or an unusable UAI: continuity will not apply
        }
        String sex = r.get("CODE_SEXE");
        return new StudentRow(null, run.uai, eleveId, firstNonNull(r.get("ELENOET"), r.attributes.get("ELENOET")),
                ine == null ? null : ine.toUpperCase(), truncate(lastName, 100), truncate(r.get("NOM_USAGE"), 100),
                truncate(firstName, 100), truncate(r.get("PRENOM2"), 100), birthDate,
                sex == null ? null : sex.substring(0, 1), intern(r.get("CODE_MEF")), null, entryDate, exitDate, previousUai, null);
    }
}
