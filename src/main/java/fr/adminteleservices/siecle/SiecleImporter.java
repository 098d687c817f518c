package fr.adminteleservices.siecle;

import fr.adminteleservices.establishment.Uai;
import fr.adminteleservices.platform.RuleBook;
import fr.adminteleservices.siecle.ImportRows.DivisionRow;
import fr.adminteleservices.siecle.ImportRows.GuardianRow;
import fr.adminteleservices.siecle.ImportRows.IdKey;
import fr.adminteleservices.siecle.ImportRows.ImportRow;
import fr.adminteleservices.siecle.ImportRows.LinkRow;
import fr.adminteleservices.siecle.ImportRows.MefRow;
import fr.adminteleservices.siecle.ImportRows.ProgrammeRow;
import fr.adminteleservices.siecle.ImportRows.SubjectRow;
import fr.adminteleservices.siecle.ImportRows.StudentRow;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.SqlSessionTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the exports of one establishment and applies them as a difference, in the caller's
 * transaction (all or nothing). Every statement goes through one BATCH session, flushed in chunks.
 */
@Component
class SiecleImporter {

    static final String RULE_FILE = "guardian-legal-rank";
    private static final Logger log = LoggerFactory.getLogger(SiecleImporter.class);
    private static final int CHUNK = 1000;
    private static final DateTimeFormatter SIECLE_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern INE = Pattern.compile("[0-9A-Z]{11}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final String INACTIVE_DIVISION = "Inactifs";

    private final SqlSessionTemplate batch;
    private final RuleBook rules;
    private final Clock clock;

    SiecleImporter(SqlSessionFactory factory, RuleBook rules, Clock clock) {
        this.batch = new SqlSessionTemplate(factory, ExecutorType.BATCH);
        this.rules = rules;
        this.clock = clock;
    }

    record ExportFile(String name, Path path) {
    }

    ImportReport apply(String importId, String uai, List<ExportFile> files, String importedBy, String processInstanceId) {
        return apply(importId, uai, files, importedBy, processInstanceId, null);
    }

    /**
     * Applies the exports. With a {@code guard}, a difference that makes too many present students leave
     * (or ends too many links, or whose Nomenclature removes téléinscription options while the window is open)
     * throws {@link GuardTripped} before the import is recorded: the caller runs
     * this in a savepoint and rolls it back. The difference is thus computed by the very code that applies
     * it, and an import under the thresholds pays only two counts for the guard.
     */
    ImportReport apply(String importId, String uai, List<ExportFile> files, String importedBy, String processInstanceId,
                       ImportGuard guard) {
        Map<ExportKind, ExportFile> byKind = classify(files);
        SiecleImportMapper mapper = batch.getMapper(SiecleImportMapper.class);
        if (mapper.lockEstablishment(uai) == null) {
            throw new SiecleFormatException("Établissement inconnu : " + uai + ".");
        }
        Run run = new Run(uai, mapper, LocalDate.now(clock), currentYear(uai), mapper.lastExportDate(uai));
        int studentsPresent = guard == null ? 0 : mapper.countPresentStudents(uai);
        int linksPresent = guard == null ? 0 : mapper.countActiveLinks(uai);
        if (byKind.containsKey(ExportKind.NOMENCLATURES)) {
            importMefs(run, byKind.get(ExportKind.NOMENCLATURES));
        }
        if (byKind.containsKey(ExportKind.STRUCTURES)) {
            importDivisions(run, byKind.get(ExportKind.STRUCTURES));
        }
        if (byKind.containsKey(ExportKind.STUDENTS)) {
            importStudents(run, byKind.get(ExportKind.STUDENTS));
        }
        if (byKind.containsKey(ExportKind.GUARDIANS)) {
            importGuardians(run, byKind.get(ExportKind.GUARDIANS));
        }
        Instant now = clock.instant();
        // options removed only matter while parents can choose them: the window is read only when some would go
        List<ImportReport.RemovedOption> optionsRemoved = guard == null || run.optionsRemoved.isEmpty()
                || !mapper.enrolmentWindowOpen(uai, run.today) ? List.of() : run.optionsRemoved;
        if (guard != null && (guard.trips(studentsPresent, run.students[2]) || guard.trips(linksPresent, run.links[2])
                || !optionsRemoved.isEmpty())) {
            batch.flushStatements();
            throw new GuardTripped(new ImportReport(importId, uai, now, counts(run.students), counts(run.guardians),
                    counts(run.links), List.copyOf(run.rejected)), studentsPresent, linksPresent,
                    guard.threshold(studentsPresent), guard.threshold(linksPresent), List.copyOf(run.leaving),
                    optionsRemoved);
        }
        ImportRow row = new ImportRow(importId, uai, now, importedBy, filesOf(files),
                run.students[0], run.students[1], run.students[2], run.guardians[0], run.guardians[1], run.guardians[2],
                run.links[0], run.links[1], run.links[2], run.rejected.size(), processInstanceId, run.exportDate,
                run.schoolYear, run.mefs == null ? null : run.mefs[0], run.mefs == null ? null : run.mefs[1],
                run.divisions == null ? null : run.divisions[0], run.divisions == null ? null : run.divisions[1],
                run.nomenclatureBefore == null ? null : run.nomenclatureBefore.subjects(),
                run.nomenclatureAfter == null ? null : run.nomenclatureAfter.subjects(),
                run.nomenclatureBefore == null ? null : run.nomenclatureBefore.programmes(),
                run.nomenclatureAfter == null ? null : run.nomenclatureAfter.programmes(),
                run.nomenclatureBefore == null ? null : run.nomenclatureBefore.options(),
                run.nomenclatureAfter == null ? null : run.nomenclatureAfter.options());
        mapper.insertImport(row);
        for (ImportReport.Rejection r : run.rejected) {
            mapper.insertRejection(importId, truncate(r.file(), 100), truncate(r.record(), 100), truncate(r.reason(), 500));
        }
        batch.flushStatements();
        log.info("SIECLE import {} of {}: students {}, guardians {}, links {} (created/updated/left), {} rejected",
                importId, uai, Arrays.toString(run.students), Arrays.toString(run.guardians),
                Arrays.toString(run.links), run.rejected.size());
        return new ImportReport(importId, uai, now, counts(run.students), counts(run.guardians), counts(run.links),
                List.copyOf(run.rejected)).withNomenclature(row.nomenclature());
    }

    Optional<ImportReport> report(String uai, String importId) {
        SiecleImportMapper mapper = batch.getMapper(SiecleImportMapper.class);
        ImportRow row = mapper.findImport(uai, importId);
        if (row == null) {
            return Optional.empty();
        }
        return Optional.of(new ImportReport(row.id(), row.uai(), row.importedAt(),
                new ImportReport.Counts(row.studentsCreated(), row.studentsUpdated(), row.studentsLeft()),
                new ImportReport.Counts(row.guardiansCreated(), row.guardiansUpdated(), row.guardiansLeft()),
                new ImportReport.Counts(row.linksCreated(), row.linksUpdated(), row.linksLeft()),
                mapper.findRejections(importId)).withCodes(codesReport(mapper.codeEffects(importId)))
                .withNomenclature(row.nomenclature()));
    }

    /** What the features following the import did to codes, kept with the import for its report. */
    void recordCodeEffects(String importId, CodeEffects effects) {
        SiecleImportMapper mapper = batch.getMapper(SiecleImportMapper.class);
        int written = 0;
        for (CodeEffects.Effect e : effects.all()) {
            mapper.insertCodeEffect(importId, e);
            if (++written % CHUNK == 0) {
                batch.flushStatements();
            }
        }
        batch.flushStatements();
    }

    private static ImportReport.CodesReport codesReport(List<ImportRows.CodeEffectRow> rows) {
        int[] counts = new int[3];
        List<ImportReport.CodeChange> changes = new ArrayList<>(rows.size());
        for (ImportRows.CodeEffectRow r : rows) {
            switch (r.effect()) {
                case CodeEffects.CAE_CREATED -> counts[0]++;
                case CodeEffects.CAE_INVALIDATED -> counts[1]++;
                default -> counts[2]++;
            }
            String guardian = r.guardianLastName() == null ? null
                    : String.join(" ", java.util.stream.Stream.of(r.guardianCivility(), r.guardianLastName(), r.guardianFirstName())
                            .filter(Objects::nonNull).toList());
            changes.add(new ImportReport.CodeChange(r.effect(), r.eleveId(), r.lastName(), r.firstName(), r.division(),
                    guardian, r.reason()));
        }
        return new ImportReport.CodesReport(counts[0], counts[1], counts[2], changes);
    }

    List<ImportSummary> recentImports(String uai) {
        return batch.getMapper(SiecleImportMapper.class).recentImports(uai, 20).stream()
                .map(r -> new ImportSummary(r.id(), r.importedAt(), r.importedBy(), r.files(), r.studentsCreated(),
                        r.studentsUpdated(), r.studentsLeft(), r.rejectedCount()))
                .toList();
    }

    static String filesOf(List<ExportFile> files) {
        return truncate(String.join(", ", files.stream().map(ExportFile::name).toList()), 1000);
    }

    private Integer currentYear(String uai) {
        return batch.getMapper(SiecleImportMapper.class).currentSchoolYear(uai);
    }

    private static ImportReport.Counts counts(int[] c) {
        return new ImportReport.Counts(c[0], c[1], c[2]);
    }

    private Map<ExportKind, ExportFile> classify(List<ExportFile> files) {
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

    // ---------------------------------------------------------------- reading helpers

    /** State of one import: counters are {created, updated, left}. */
    private static final class Run {
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
        int pending;

        Run(String uai, SiecleImportMapper mapper, LocalDate today, Integer currentYear, LocalDate lastExport) {
            this.uai = uai;
            this.mapper = mapper;
            this.today = today;
            this.currentYear = currentYear;
            this.lastExport = lastExport;
        }

        void reject(ExportFile file, String record, String reason) {
            rejected.add(new ImportReport.Rejection(file.name(), record, reason));
        }
    }

    private void read(Run run, ExportFile file, Set<String> recordNames, Consumer<SiecleRecord> records) {
        boolean[] checked = {false};
        Charset charset = SiecleXmlReader.misdeclaredUtf8(file.path(), file.name());
        if (charset != null) {
            run.reject(file, "Encodage", "Le fichier déclare un encodage ISO-8859 mais il est écrit en UTF-8 "
                    + "(sans doute réenregistré par un éditeur de texte) : il a été lu en UTF-8, les accents sont conservés.");
        }
        SiecleXmlReader.read(file.path(), file.name(), charset, recordNames, params -> {
            checkUaj(run.uai, file, params);
            checkYearAndDate(file, params, run.currentYear, run.lastExport);
            Integer year = parseIntOrNull(params.get("ANNEE_SCOLAIRE"));
            if (year != null) {
                run.schoolYear = year;
            }
            LocalDate exported = parseDateOrNull(params.get("DATE_EXPORT"));
            if (exported != null && (run.exportDate == null || exported.isAfter(run.exportDate))) {
                run.exportDate = exported;
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

    /**
     * Refuses, before anything is written, files that are not SIECLE exports or belong to another
     * establishment: the common mistakes get their French message without starting the process.
     */
    void precheck(String uai, List<ExportFile> files) {
        classify(files);
        Integer year = currentYear(uai);
        LocalDate lastExport = batch.getMapper(SiecleImportMapper.class).lastExportDate(uai);
        for (ExportFile f : files) {
            SiecleRecord params = SiecleXmlReader.parameters(f.path(), f.name());
            if (params != null) {
                checkUaj(uai, f, params);
                checkYearAndDate(f, params, year, lastExport);
            }
        }
    }

    /**
     * An export of another school year, or older than the last one applied, would undo the present: refused.
     * DATE_EXPORT is compared by day, because the files of one export carry different HORODATAGE minutes.
     */
    private static void checkYearAndDate(ExportFile file, SiecleRecord params, Integer currentYear, LocalDate lastExport) {
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

    private static void checkUaj(String uai, ExportFile file, SiecleRecord params) {
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

    private LocalDate leaveDate(Run run) {
        return run.exportDate != null ? run.exportDate : run.today;
    }

    private void flushIfNeeded(Run run) {
        if (++run.pending >= CHUNK) {
            batch.flushStatements();
            run.pending = 0;
        }
    }

    // ---------------------------------------------------------------- Nomenclature.xml

    /**
     * MEFS/MEF as a difference; and, for the téléinscription profile (I2), MATIERES/MATIERE and
     * PROGRAMMES/PROGRAMME (a subject of a MEF with its CODE_MODALITE_ELECT) with the RANG_OPTION of
     * OPTIONS_OBLIGATOIRES/OPTION_OBLIGATOIRE. A Nomenclature export is a whole snapshot: the subjects
     * (or the programmes) of the establishment are replaced when the file holds at least one of them, and
     * kept as they are when it holds none (an older export without these blocks).
     */
    private void importMefs(Run run, ExportFile file) {
        run.mefs = new int[2];
        run.nomenclatureBefore = run.mapper.nomenclatureCounts(run.uai);
        List<ImportReport.RemovedOption> optionsBefore = run.mapper.teleinscriptionOptions(run.uai);
        Map<String, MefRow> existing = new HashMap<>();
        run.mapper.mefs(run.uai).forEach(m -> existing.put(m.code(), m));
        boolean[] replaced = {false, false};
        Map<String, Integer> ranks = new HashMap<>();
        read(run, file, Set.of("MEF", "MATIERE", "PROGRAMME", "OPTION_OBLIGATOIRE"), r -> {
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
            flushIfNeeded(run);
        });
        // OPTIONS_OBLIGATOIRES may come before or after PROGRAMMES: the ranks are applied once both are read
        ranks.forEach((key, rank) -> {
            int slash = key.indexOf('/');
            run.mapper.setOptionRank(run.uai, key.substring(0, slash), key.substring(slash + 1), rank);
        });
        batch.flushStatements();
        run.nomenclatureAfter = run.mapper.nomenclatureCounts(run.uai);
        if (!optionsBefore.isEmpty()) {
            Set<String> after = new HashSet<>();
            run.mapper.teleinscriptionOptions(run.uai).forEach(o -> after.add(o.mefCode() + "/" + o.subjectCode()));
            run.optionsRemoved = optionsBefore.stream().filter(o -> !after.contains(o.mefCode() + "/" + o.subjectCode())).toList();
        }
    }

    private static Integer parseIntOrNull(String value) {
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- Structures.xml

    private void importDivisions(Run run, ExportFile file) {
        run.divisions = new int[2];
        Map<String, DivisionRow> existing = new HashMap<>();
        run.mapper.divisions(run.uai).forEach(d -> existing.put(d.code(), d));
        read(run, file, Set.of("DIVISION"), r -> {
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
            flushIfNeeded(run);
        });
        batch.flushStatements();
    }

    // ---------------------------------------------------------------- ElevesSansAdresses.xml / ElevesAvecAdresses.xml

    private void importStudents(Run run, ExportFile file) {
        Map<String, StudentRow> parsed = new LinkedHashMap<>();
        Map<String, String> divisions = new HashMap<>();
        Set<String> seen = new HashSet<>();
        read(run, file, Set.of("ELEVE", "STRUCTURES_ELEVE"), r -> {
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
        LocalDate leaveDate = leaveDate(run);
        // what the database holds, as compact fingerprints: the full rows are not kept in memory
        Map<String, Known> existing = new HashMap<>();
        run.mapper.students(run.uai, ctx -> {
            StudentRow s = ctx.getResultObject();
            existing.put(s.eleveId(), new Known(s.id(), Fingerprint.of(s), s.leftOn()));
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
            Known old = existing.get(s.eleveId());
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
            flushIfNeeded(run);
        }
        // students no longer in the export have left the establishment
        for (Map.Entry<String, Known> e : existing.entrySet()) {
            if (!seen.contains(e.getKey()) && e.getValue().leftOn() == null) {
                run.mapper.markStudentLeft(run.uai, e.getValue().id(), leaveDate);
                run.students[2]++;
                run.leaving.add(e.getKey());
                flushIfNeeded(run);
            }
        }
        batch.flushStatements();
        reportSharedInes(run, file, parsed.values());
    }

    /**
     * Continuity of access (G7) matches students by INE: an INE on two students of the file, or on a present
     * student of another establishment of the académie who is not leaving it, is reported with both ELEVE_IDs,
     * and continuity does not attach on it (ContinuityMapper.xml).
     */
    private void reportSharedInes(Run run, ExportFile file, java.util.Collection<StudentRow> students) {
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

    private StudentRow parseStudent(Run run, ExportFile file, SiecleRecord r, Set<String> seen) {
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

    // ---------------------------------------------------------------- ResponsablesAvecAdresses.xml

    private record ParsedLink(String eleveId, String personneId, String relationship, LegalRankDecision decision) {
    }

    private void importGuardians(Run run, ExportFile file) {
        Map<String, GuardianRow> persons = new LinkedHashMap<>();
        Map<String, List<String>> personsByAddress = new HashMap<>();
        Map<String, Address> addresses = new HashMap<>();
        List<ParsedLink> parsedLinks = new ArrayList<>();
        Map<String, Integer> sameValueCount = new HashMap<>();
        Set<String> seenPersons = new HashSet<>();
        Set<String> rejectedPersons = new HashSet<>();
        read(run, file, Set.of("PERSONNE", "RESPONSABLE_ELEVE", "ADRESSE"), r -> {
            switch (r.name) {
                case "PERSONNE" -> {
                    GuardianRow g = parsePerson(run, file, r, seenPersons, rejectedPersons);
                    if (g != null) {
                        persons.put(g.personneId(), g);
                        String addressId = r.get("ADRESSE_ID");
                        if (addressId != null) {
                            personsByAddress.computeIfAbsent(addressId, k -> new ArrayList<>(2)).add(g.personneId());
                        }
                    }
                }
                case "RESPONSABLE_ELEVE" -> {
                    String eleveId = r.get("ELEVE_ID");
                    String personneId = r.get("PERSONNE_ID");
                    if (eleveId == null || personneId == null) {
                        run.reject(file, "RESPONSABLE_ELEVE (ligne " + r.line + ")",
                                "ELEVE_ID ou PERSONNE_ID absent : lien ignoré.");
                        return;
                    }
                    String respLegal = r.get("RESP_LEGAL");
                    String niveau = r.get("NIVEAU_RESPONSABILITE");
                    String sameValue = eleveId + (respLegal != null ? "|R" + respLegal : "|N" + niveau);
                    int order = sameValueCount.merge(sameValue, 1, Integer::sum);
                    parsedLinks.add(new ParsedLink(eleveId, personneId, r.get("CODE_PARENTE"),
                            new LegalRankDecision(eleveId, personneId, respLegal, niveau, order)));
                }
                default -> { // ADRESSE: the guardians' file holds them after the persons
                    String id = r.get("ADRESSE_ID");
                    if (id != null && personsByAddress.containsKey(id)) {
                        addresses.put(id, Address.of(r)); // compact: the record's maps are dropped
                    }
                }
            }
        });
        sameValueCount.clear();

        // addresses complete the persons, then persons are applied as a difference
        for (Map.Entry<String, List<String>> e : personsByAddress.entrySet()) {
            Address a = addresses.get(e.getKey());
            if (a == null) {
                continue;
            }
            for (String personneId : e.getValue()) {
                persons.computeIfPresent(personneId, (k, g) -> withAddress(g, a));
            }
        }
        addresses.clear();
        personsByAddress.clear();

        LocalDate leaveDate = leaveDate(run);
        Map<String, Known> existing = new HashMap<>();
        run.mapper.guardians(run.uai, ctx -> {
            GuardianRow g = ctx.getResultObject();
            existing.put(g.personneId(), new Known(g.id(), Fingerprint.of(g), g.leftOn()));
        });
        for (GuardianRow g : persons.values()) {
            Known old = existing.get(g.personneId());
            if (old == null) {
                run.mapper.insertGuardian(g);
                run.guardians[0]++;
            } else if (!old.sameAs(Fingerprint.of(g), g.leftOn())) {
                run.mapper.updateGuardian(g.withId(old.id()));
                run.guardians[1]++;
            }
            flushIfNeeded(run);
        }
        for (Map.Entry<String, Known> e : existing.entrySet()) {
            if (!seenPersons.contains(e.getKey()) && e.getValue().leftOn() == null) {
                run.mapper.markGuardianLeft(run.uai, e.getValue().id(), leaveDate);
                run.guardians[2]++;
                flushIfNeeded(run);
            }
        }
        batch.flushStatements();
        existing.clear();
        persons.clear();

        decideLegalRanks(parsedLinks);
        applyLinks(run, file, parsedLinks, rejectedPersons, leaveDate);
    }

    /** rules/guardian-legal-rank.drl decides, in chunks, the legal rank of every link. */
    private void decideLegalRanks(List<ParsedLink> links) {
        var session = rules.session(RULE_FILE);
        for (int from = 0; from < links.size(); from += 10_000) {
            List<LegalRankDecision> facts = links.subList(from, Math.min(links.size(), from + 10_000)).stream()
                    .map(ParsedLink::decision).toList();
            session.execute(facts);
        }
    }

    private void applyLinks(Run run, ExportFile file, List<ParsedLink> parsedLinks, Set<String> rejectedPersons,
                            LocalDate leaveDate) {
        Map<String, Long> studentIds = new HashMap<>();
        for (IdKey k : run.mapper.studentIds(run.uai)) {
            studentIds.put(k.ref(), k.id());
        }
        Map<String, Long> guardianIds = new HashMap<>();
        for (IdKey k : run.mapper.guardianIds(run.uai)) {
            guardianIds.put(k.ref(), k.id());
        }
        Map<String, LinkRow> existing = new HashMap<>();
        for (LinkRow l : run.mapper.links(run.uai)) {
            existing.put(l.studentId() + ":" + l.guardianId(), l);
        }
        Set<String> seen = new HashSet<>();
        Set<String> firstOccurrence = new HashSet<>();
        for (ParsedLink p : parsedLinks) {
            String record = "ELEVE_ID " + p.eleveId() + " / PERSONNE_ID " + p.personneId();
            LegalRankDecision d = p.decision();
            if (d.isRejected()) {
                run.reject(file, record, d.getReason());
                continue;
            }
            Long studentId = studentIds.get(p.eleveId());
            if (studentId == null) {
                run.reject(file, record, run.rejectedStudents.contains(p.eleveId())
                        ? "L'élève de ce lien a été rejeté (voir ELEVE_ID " + p.eleveId() + ") : lien ignoré."
                        : "Élève inconnu dans l'établissement : importez aussi son export élèves (ElevesSansAdresses.xml).");
                continue;
            }
            Long guardianId = guardianIds.get(p.personneId());
            if (guardianId != null) {
                seen.add(studentId + ":" + guardianId); // a link is never ended because its record was rejected
            }
            if (guardianId == null || rejectedPersons.contains(p.personneId())) {
                run.reject(file, record, rejectedPersons.contains(p.personneId())
                        ? "La personne de ce lien a été rejetée (voir PERSONNE_ID " + p.personneId() + ") : lien ignoré."
                        : "PERSONNE_ID absent de la liste des personnes du fichier : lien ignoré.");
                continue;
            }
            String key = studentId + ":" + guardianId;
            if (!firstOccurrence.add(key)) {
                run.reject(file, record, "Lien en double dans le fichier : seule la première occurrence est importée.");
                continue;
            }
            LinkRow row = new LinkRow(null, run.uai, studentId, guardianId, d.getLegalRank(), p.relationship(), null);
            LinkRow old = existing.get(key);
            if (old == null) {
                run.mapper.insertLink(row);
                run.links[0]++;
            } else if (!row.withId(old.id()).equals(old)) {
                run.mapper.updateLink(row.withId(old.id()));
                run.links[1]++;
            }
            flushIfNeeded(run);
        }
        for (Map.Entry<String, LinkRow> e : existing.entrySet()) {
            if (!seen.contains(e.getKey()) && e.getValue().endedOn() == null) {
                run.mapper.endLink(run.uai, e.getValue().id(), leaveDate);
                run.links[2]++;
                flushIfNeeded(run);
            }
        }
        batch.flushStatements();
    }

    private GuardianRow parsePerson(Run run, ExportFile file, SiecleRecord r, Set<String> seen, Set<String> rejected) {
        String personneId = r.get("PERSONNE_ID");
        if (personneId == null) {
            run.reject(file, "PERSONNE (ligne " + r.line + ")", "PERSONNE_ID absent : personne ignorée.");
            return null;
        }
        String record = "PERSONNE_ID " + personneId;
        if (!seen.add(personneId)) {
            run.reject(file, record, "PERSONNE_ID en double dans le fichier : seule la première occurrence est importée.");
            return null;
        }
        String lastName = firstNonNull(r.get("NOM_DE_FAMILLE"), r.get("NOM"));
        if (lastName == null) {
            rejected.add(personneId);
            run.reject(file, record, "Nom de famille absent (NOM_DE_FAMILLE) : personne ignorée.");
            return null;
        }
        String email = r.get("MEL");
        if (email != null && (!EMAIL.matcher(email).matches() || email.length() > 254)) {
            run.reject(file, record, "Courriel « " + email + " » invalide : la personne est importée sans courriel.");
            email = null;
        }
        return new GuardianRow(null, run.uai, personneId, truncate(r.get("LC_CIVILITE"), 10), truncate(lastName, 100),
                truncate(r.get("PRENOM"), 100), email, truncate(firstNonNull(r.get("TEL_PORTABLE"), r.get("TEL_PERSONNEL")), 30),
                null, null, null, null, null, null, null, null);
    }

    /** A postal address of the guardians' file, as stored on the guardian. */
    private record Address(String line1, String line2, String line3, String line4, String postalCode, String city,
                           String country) {
        static Address of(SiecleRecord a) {
            return new Address(truncate(a.get("LIGNE1_ADRESSE"), 100), truncate(a.get("LIGNE2_ADRESSE"), 100),
                    truncate(a.get("LIGNE3_ADRESSE"), 100), truncate(a.get("LIGNE4_ADRESSE"), 100),
                    truncate(a.get("CODE_POSTAL"), 10),
                    intern(truncate(firstNonNull(a.get("LIBELLE_POSTAL"), a.get("LL_COMMUNE_INSEE"), a.get("COMMUNE_ETRANGERE")), 100)),
                    intern(truncate(a.get("LL_PAYS"), 100)));
        }
    }

    private static GuardianRow withAddress(GuardianRow g, Address a) {
        return new GuardianRow(g.id(), g.uai(), g.personneId(), g.civility(), g.lastName(), g.firstName(), g.email(),
                g.mobilePhone(), a.line1(), a.line2(), a.line3(), a.line4(), a.postalCode(), a.city(), a.country(), null);
    }

    /** A row already in the database: its id, a fingerprint of its data, and its exit date. */
    private record Known(long id, long fingerprint, LocalDate leftOn) {
        boolean sameAs(long otherFingerprint, LocalDate otherLeftOn) {
            return fingerprint == otherFingerprint && Objects.equals(leftOn, otherLeftOn);
        }
    }

    // ---------------------------------------------------------------- small helpers

    private static LocalDate parseDate(SiecleRecord r, String element, String label, boolean required, List<String> problems) {
        String value = r.get(element);
        if (value == null) {
            if (required) {
                problems.add(label + " absente (" + element + ")");
            }
            return null;
        }
        try {
            return LocalDate.parse(value, SIECLE_DATE);
        } catch (DateTimeParseException e) {
            problems.add(label + " invalide : « " + value + " » (" + element + ", format attendu jj/mm/aaaa)");
            return null;
        }
    }

    private static LocalDate parseDateOrNull(String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value, SIECLE_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String intern(String s) {
        return s == null ? null : s.intern();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
