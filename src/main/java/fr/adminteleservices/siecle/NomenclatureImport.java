package fr.adminteleservices.siecle;

import static fr.adminteleservices.siecle.SiecleValues.firstNonNull;
import static fr.adminteleservices.siecle.SiecleValues.parseIntOrNull;
import static fr.adminteleservices.siecle.SiecleValues.truncate;

import fr.adminteleservices.siecle.ImportRows.MefRow;
import fr.adminteleservices.siecle.ImportRows.ProgrammeRow;
import fr.adminteleservices.siecle.ImportRows.SubjectRow;
import fr.adminteleservices.siecle.SiecleImporter.ExportFile;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Nomenclature.xml: the MEFs as a difference, and the subjects and programmes of the téléinscription profile. */
final class NomenclatureImport {

    private NomenclatureImport() {
    }

    /**
     * MEFS/MEF as a difference; and, for the téléinscription profile (I2), MATIERES/MATIERE and
     * PROGRAMMES/PROGRAMME (a subject of a MEF with its CODE_MODALITE_ELECT) with the RANG_OPTION of
     * OPTIONS_OBLIGATOIRES/OPTION_OBLIGATOIRE. A Nomenclature export is a whole snapshot: the subjects
     * (or the programmes) of the establishment are replaced when the file holds at least one of them, and
     * kept as they are when it holds none (an older export without these blocks).
     */
    static void apply(ImportRun run, ExportFile file) {
        run.mefs = new int[2];
        run.nomenclatureBefore = run.mapper.nomenclatureCounts(run.uai);
        List<ImportReport.RemovedOption> optionsBefore = run.mapper.teleinscriptionOptions(run.uai);
        Map<String, MefRow> existing = new HashMap<>();
        run.mapper.mefs(run.uai).forEach(m -> existing.put(m.code(), m));
        boolean[] replaced = {false, false};
        Map<String, Integer> ranks = new HashMap<>();
        run.read(file, Set.of("MEF", "MATIERE", "PROGRAMME", "OPTION_OBLIGATOIRE"), r -> {
            switch (r.name) {
                case "MATIERE" -> {
                    String code = r.get("CODE_MATIERE");
                    if (code == null || code.length() > 10) {
                        run.reject(file, "MATIERE (ligne " + r.line + ")", "CODE_MATIERE absent ou invalide.");
                        return;
                    }
                    if (!replaced[0]) {
                        run.mapper.deleteSubjects(run.uai);
                        replaced[0] = true;
                    }
                    run.mapper.insertSubject(run.uai, new SubjectRow(code, truncate(r.get("CODE_GESTION"), 20),
                            truncate(firstNonNull(r.get("LIBELLE_LONG"), r.get("LIBELLE_COURT"), code), 200),
                            truncate(r.get("LIBELLE_EDITION"), 200)));
                }
                case "PROGRAMME" -> {
                    String mef = r.get("CODE_MEF");
                    String subject = r.get("CODE_MATIERE");
                    String modality = r.get("CODE_MODALITE_ELECT");
                    if (mef == null || subject == null || modality == null || mef.length() > 11 || subject.length() > 10
                            || modality.length() > 2) {
                        run.reject(file, "PROGRAMME (ligne " + r.line + ")", "CODE_MEF, CODE_MATIERE ou CODE_MODALITE_ELECT absent ou invalide.");
                        return;
                    }
                    if (!replaced[1]) {
                        run.mapper.deleteProgrammes(run.uai);
                        replaced[1] = true;
                    }
                    run.mapper.insertProgramme(run.uai, new ProgrammeRow(mef, subject, modality));
                }
                case "OPTION_OBLIGATOIRE" -> {
                    String mef = r.get("CODE_MEF");
                    String subject = r.get("CODE_MATIERE");
                    Integer rank = parseIntOrNull(r.get("RANG_OPTION"));
                    if (mef == null || subject == null || rank == null) {
                        run.reject(file, "OPTION_OBLIGATOIRE (ligne " + r.line + ")", "CODE_MEF, CODE_MATIERE ou RANG_OPTION absent ou invalide.");
                        return;
                    }
                    ranks.put(mef + "/" + subject, rank);
                }
                default -> {
                    String code = r.get("CODE_MEF");
                    if (code == null) {
                        run.reject(file, "MEF (ligne " + r.line + ")", "CODE_MEF absent.");
                        return;
                    }
                    String label = firstNonNull(r.get("LIBELLE_LONG"), r.get("FORMATION"), code);
                    MefRow row = new MefRow(code, truncate(label, 200), truncate(r.get("LIBELLE_EDITION"), 200), r.get("CODE_MEFSTAT"));
                    MefRow old = existing.put(code, row);
                    if (old == null) {
                        run.mapper.insertMef(run.uai, row);
                        run.mefs[0]++;
                    } else if (!old.equals(row)) {
                        run.mapper.updateMef(run.uai, row);
                        run.mefs[1]++;
                    }
                }
            }
            run.flushIfNeeded();
        });
        // OPTIONS_OBLIGATOIRES may come before or after PROGRAMMES: the ranks are applied once both are read
        ranks.forEach((key, rank) -> {
            int slash = key.indexOf('/');
            run.mapper.setOptionRank(run.uai, key.substring(0, slash), key.substring(slash + 1), rank);
        });
        run.flush();
        run.nomenclatureAfter = run.mapper.nomenclatureCounts(run.uai);
        if (!optionsBefore.isEmpty()) {
            Set<String> after = new HashSet<>();
            run.mapper.teleinscriptionOptions(run.uai).forEach(o -> after.add(o.mefCode() + "/" + o.subjectCode()));
            run.optionsRemoved = optionsBefore.stream().filter(o -> !after.contains(o.mefCode() + "/" + o.subjectCode())).toList();
        }
    }
}
