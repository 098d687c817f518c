package fr.adminteleservices.siecle;

import static fr.adminteleservices.siecle.SiecleValues.SIECLE_DATE;
import static fr.adminteleservices.siecle.SiecleValues.parseDateOrNull;
import static fr.adminteleservices.siecle.SiecleValues.parseIntOrNull;

import fr.adminteleservices.establishment.Uai;
import fr.adminteleservices.siecle.SiecleImporter.ExportFile;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What makes a set of files refused whole, before anything is written: not SIECLE exports, two of a kind, another
 * establishment's, another school year's, or older than the last export applied.
 */
final class SiecleExportChecks {

    private SiecleExportChecks() {
    }

    static Map<ExportKind, ExportFile> classify(List<ExportFile> files) {
        if (files.isEmpty()) {
            throw new SiecleFormatException("Aucun fichier reçu : déposez au moins un export SIECLE.");
        }
        Map<ExportKind, ExportFile> byKind = new EnumMap<>(ExportKind.class);
        for (ExportFile f : files) {
            String root = SiecleXmlReader.rootName(f.path());
            ExportKind kind = ExportKind.ofRoot(root).orElseThrow(() -> new SiecleFormatException(
                    "Le fichier « " + f.name() + " » n'est pas un export SIECLE reconnu"
                            + (root == null ? " (ce n'est pas un fichier XML lisible)" : " (élément racine " + root + ")")
                            + ". Exports acceptés : ElevesSansAdresses.xml ou ElevesAvecAdresses.xml, "
                            + "ResponsablesAvecAdresses.xml, Nomenclature.xml, Structures.xml."));
            ExportFile previous = byKind.put(kind, f);
            if (previous != null) {
                throw new SiecleFormatException("Les fichiers « " + previous.name() + " » et « " + f.name()
                        + " » sont deux exports du même type : déposez-en un seul.");
            }
        }
        return byKind;
    }

    /**
     * An export of another school year, or older than the last one applied, would undo the present: refused.
     * DATE_EXPORT is compared by day, because the files of one export carry different HORODATAGE minutes.
     */
    static void checkYearAndDate(ExportFile file, SiecleRecord params, Integer currentYear, LocalDate lastExport) {
        String year = params.get("ANNEE_SCOLAIRE");
        Integer exportYear = parseIntOrNull(year);
        if (currentYear != null && year != null && !currentYear.equals(exportYear)) {
            throw new SiecleFormatException("Le fichier « " + file.name() + " » est un export de l'année scolaire "
                    + (exportYear == null ? "« " + year + " »" : exportYear + "-" + (exportYear + 1))
                    + ", alors que l'année scolaire en cours est " + currentYear + "-" + (currentYear + 1)
                    + " : import refusé, aucune donnée n'a été modifiée.");
        }
        LocalDate exported = parseDateOrNull(params.get("DATE_EXPORT"));
        if (exported != null && lastExport != null && exported.isBefore(lastExport)) {
            throw new SiecleFormatException("Le fichier « " + file.name() + " » a été exporté le " + exported.format(SIECLE_DATE)
                    + ", avant l'export du " + lastExport.format(SIECLE_DATE) + " déjà importé : un export plus ancien "
                    + "remettrait des données périmées. Import refusé, aucune donnée n'a été modifiée.");
        }
    }

    static void checkUaj(String uai, ExportFile file, SiecleRecord params) {
        String uaj = params.get("UAJ");
        if (uaj == null) {
            throw new SiecleFormatException("Le fichier « " + file.name() + " » ne contient pas d'UAJ (PARAMETRES) : "
                    + "impossible de vérifier qu'il s'agit de l'export de l'établissement " + uai + ".");
        }
        if (!Uai.isValid(uaj.toUpperCase())) {
            throw new SiecleFormatException("Le fichier « " + file.name() + " » porte un UAJ invalide (« " + uaj
                    + " » : sept chiffres et une lettre de contrôle attendus) : import refusé.");
        }
        if (!uaj.equalsIgnoreCase(uai)) {
            throw new SiecleFormatException("Le fichier « " + file.name() + " » est l'export de l'établissement "
                    + uaj + ", pas de " + uai + " : import refusé, aucune donnée n'a été modifiée.");
        }
    }
}
