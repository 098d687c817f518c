package fr.adminteleservices.siecle;

import static fr.adminteleservices.siecle.SiecleValues.SIECLE_DATE;
import static fr.adminteleservices.siecle.SiecleValues.truncate;

import fr.adminteleservices.platform.RuleBook;
import fr.adminteleservices.siecle.ImportRows.ImportRow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * The steps, in this order: {@link NomenclatureImport}, {@link StructuresImport}, {@link StudentsImport},
 * {@link GuardiansImport} (persons, then links), sharing one {@link ImportRun}; the files are checked whole by
 * {@link SiecleExportChecks} first.
 */
@Component
class SiecleImporter {

    static final String RULE_FILE = GuardiansImport.RULE_FILE;
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
        Map<ExportKind, ExportFile> byKind = SiecleExportChecks.classify(files);
        SiecleImportMapper mapper = batch.getMapper(SiecleImportMapper.class);
        if (mapper.lockEstablishment(uai) == null) {
            throw new SiecleFormatException("Établissement inconnu : " + uai + ".");
        }
        ImportRun run = new ImportRun(batch, uai, mapper, LocalDate.now(clock), currentYear(uai), mapper.lastExportDate(uai));
        int studentsPresent = guard == null ? 0 : mapper.countPresentStudents(uai);
        int linksPresent = guard == null ? 0 : mapper.countActiveLinks(uai);
        if (byKind.containsKey(ExportKind.NOMENCLATURES)) {
            NomenclatureImport.apply(run, byKind.get(ExportKind.NOMENCLATURES));
        }
        if (byKind.containsKey(ExportKind.STRUCTURES)) {
            StructuresImport.apply(run, byKind.get(ExportKind.STRUCTURES));
        }
        if (byKind.containsKey(ExportKind.STUDENTS)) {
            StudentsImport.apply(run, byKind.get(ExportKind.STUDENTS));
        }
        if (byKind.containsKey(ExportKind.GUARDIANS)) {
            GuardiansImport.apply(run, byKind.get(ExportKind.GUARDIANS), rules);
        }
        Instant now = clock.instant();
        // options removed only matter while parents can choose them: the window is read only when some would go
        List<ImportReport.RemovedOption> optionsRemoved = guard == null || run.optionsRemoved.isEmpty()
                || !mapper.enrolmentWindowOpen(uai, run.today) ? List.of() : run.optionsRemoved;
        if (guard != null && (guard.trips(studentsPresent, run.students[2]) || guard.trips(linksPresent, run.links[2])
                || !optionsRemoved.isEmpty())) {
            run.flush();
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

    /**
     * Refuses, before anything is written, files that are not SIECLE exports or belong to another
     * establishment: the common mistakes get their French message without starting the process.
     */
    void precheck(String uai, List<ExportFile> files) {
        SiecleExportChecks.classify(files);
        Integer year = currentYear(uai);
        LocalDate lastExport = batch.getMapper(SiecleImportMapper.class).lastExportDate(uai);
        for (ExportFile f : files) {
            SiecleRecord params = SiecleXmlReader.parameters(f.path(), f.name());
            if (params != null) {
                SiecleExportChecks.checkUaj(uai, f, params);
                SiecleExportChecks.checkYearAndDate(f, params, year, lastExport);
            }
        }
    }
}
