package fr.adminteleservices.siecle;

import static fr.adminteleservices.siecle.SiecleValues.parseDateOrNull;
import static fr.adminteleservices.siecle.SiecleValues.parseIntOrNull;

import fr.adminteleservices.siecle.SiecleImporter.ExportFile;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.mybatis.spring.SqlSessionTemplate;

/**
 * One import, as its steps (Nomenclature, Structures, students, guardians and links) share it: the counters
 * {created, updated, left}, the rejected records, what the guard needs, and the BATCH session, flushed in chunks.
 */
final class ImportRun {

    private static final int CHUNK = 1000;

    private final SqlSessionTemplate batch;
    private int pending;

    final String uai;
    final SiecleImportMapper mapper;
    final LocalDate today;
    final int[] students = new int[3];
    final int[] guardians = new int[3];
    final int[] links = new int[3];
    final List<ImportReport.Rejection> rejected = new ArrayList<>();
    final Set<String> rejectedStudents = new HashSet<>();
    /** MEFs and divisions {created, updated}; null when the file was not imported */
    int[] mefs;
    int[] divisions;
    ImportRows.NomenclatureCounts nomenclatureBefore;
    ImportRows.NomenclatureCounts nomenclatureAfter;
    /** téléinscription options the Nomenclature removes, for the guard */
    List<ImportReport.RemovedOption> optionsRemoved = List.of();
    /** present students this import makes leave, for the guard's list */
    final List<String> leaving = new ArrayList<>();
    final Integer currentYear;
    final LocalDate lastExport;
    LocalDate exportDate;
    Integer schoolYear;

    ImportRun(SqlSessionTemplate batch, String uai, SiecleImportMapper mapper, LocalDate today, Integer currentYear,
              LocalDate lastExport) {
        this.batch = batch;
        this.uai = uai;
        this.mapper = mapper;
        this.today = today;
        this.currentYear = currentYear;
        this.lastExport = lastExport;
    }

    void reject(ExportFile file, String record, String reason) {
        rejected.add(new ImportReport.Rejection(file.name(), record, reason));
    }

    /** Departures found by the import happen on the export's day (today when the files carry none). */
    LocalDate leaveDate() {
        return exportDate != null ? exportDate : today;
    }

    void flushIfNeeded() {
        if (++pending >= CHUNK) {
            flush();
        }
    }

    void flush() {
        batch.flushStatements();
        pending = 0;
    }

    /**
     * Streams the file's records to {@code records}, after its PARAMETRES are checked (establishment, school year,
     * export date); a file declared ISO-8859 but written in UTF-8 is read as UTF-8, and the report says so.
     */
    void read(ExportFile file, Set<String> recordNames, Consumer<SiecleRecord> records) {
        boolean[] checked = {false};
        Charset charset = SiecleXmlReader.misdeclaredUtf8(file.path(), file.name());
        if (charset != null) {
            reject(file, "Encodage", "Le fichier déclare un encodage ISO-8859 mais il est écrit en UTF-8 "
                    + "(sans doute réenregistré par un éditeur de texte) : il a été lu en UTF-8, les accents sont conservés.");
        }
        SiecleXmlReader.read(file.path(), file.name(), charset, recordNames, params -> {
            SiecleExportChecks.checkUaj(uai, file, params);
            SiecleExportChecks.checkYearAndDate(file, params, currentYear, lastExport);
            Integer year = parseIntOrNull(params.get("ANNEE_SCOLAIRE"));
            if (year != null) {
                schoolYear = year;
            }
            LocalDate exported = parseDateOrNull(params.get("DATE_EXPORT"));
            if (exported != null && (exportDate == null || exported.isAfter(exportDate))) {
                exportDate = exported;
            }
            checked[0] = true;
        }, record -> {
            if (!checked[0]) {
                throw new SiecleFormatException("Le fichier « " + file.name() + " » ne commence pas par ses PARAMETRES (UAJ) : import refusé.");
            }
            records.accept(record);
        });
        if (!checked[0]) {
            throw new SiecleFormatException("Le fichier « " + file.name() + " » ne contient pas de PARAMETRES (UAJ) : import refusé.");
        }
    }

    /** A row already in the database: its id, a fingerprint of its data, and its exit date. */
    record Known(long id, long fingerprint, LocalDate leftOn) {
        boolean sameAs(long otherFingerprint, LocalDate otherLeftOn) {
            return fingerprint == otherFingerprint && Objects.equals(leftOn, otherLeftOn);
        }
    }
}
