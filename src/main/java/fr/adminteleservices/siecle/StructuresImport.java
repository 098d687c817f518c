package fr.adminteleservices.siecle;

import static fr.adminteleservices.siecle.SiecleValues.truncate;

import fr.adminteleservices.siecle.ImportRows.DivisionRow;
import fr.adminteleservices.siecle.SiecleImporter.ExportFile;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Structures.xml: the divisions, as a difference, each with the MEF it belongs to. */
final class StructuresImport {

    private StructuresImport() {
    }

    static void apply(ImportRun run, ExportFile file) {
        run.divisions = new int[2];
        Map<String, DivisionRow> existing = new HashMap<>();
        run.mapper.divisions(run.uai).forEach(d -> existing.put(d.code(), d));
        run.read(file, Set.of("DIVISION"), r -> {
            String code = r.get("CODE_STRUCTURE");
            if (code == null) {
                run.reject(file, "DIVISION (ligne " + r.line + ")", "CODE_STRUCTURE absent.");
                return;
            }
            String mef = r.all("MEF_APPARTENANCE").stream().map(m -> m.get("CODE_MEF")).filter(c -> c != null)
                    .findFirst().orElse(null);
            DivisionRow row = new DivisionRow(code, truncate(r.get("LIBELLE_LONG"), 200), mef);
            DivisionRow old = existing.put(code, row);
            if (old == null) {
                run.mapper.insertDivision(run.uai, row);
                run.divisions[0]++;
            } else if (!old.equals(row)) {
                run.mapper.updateDivision(run.uai, row);
                run.divisions[1]++;
            }
            run.flushIfNeeded();
        });
        run.flush();
    }
}
