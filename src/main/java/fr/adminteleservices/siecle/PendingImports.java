package fr.adminteleservices.siecle;

import fr.adminteleservices.siecle.ImportRows.PendingRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.stereotype.Component;

/**
 * Imports held by the guard on departures: what they would do, their files (kept in the database so
 * that any node can apply them when the head confirms) and the first departing students by division.
 */
@Component
class PendingImports {

    static final String AWAITING = "AWAITING_CONFIRMATION";
    static final String CONFIRMED = "CONFIRMED";
    static final String CANCELLED = "CANCELLED";
    static final String EXPIRED = "EXPIRED";
    /** the head sees the first departures by division; the counts say how many there are in all */
    static final int DEPARTURES_SHOWN = 100;

    private final SqlSessionTemplate batch;
    private final Clock clock;

    PendingImports(SqlSessionFactory factory, Clock clock) {
        this.batch = new SqlSessionTemplate(factory, ExecutorType.BATCH);
        this.clock = clock;
    }

    private SiecleImportMapper mapper() {
        return batch.getMapper(SiecleImportMapper.class);
    }

    /** Records a held import (after its savepoint was rolled back) with its files, first departures and removed options. */
    void hold(GuardTripped held, String importedBy, List<SiecleImporter.ExportFile> files, String processInstanceId,
              Duration timeout) {
        batch.clearCache(); // queries cached inside the rolled-back savepoint are stale
        ImportReport r = held.wouldDo;
        Instant now = clock.instant();
        SiecleImportMapper mapper = mapper();
        mapper.insertPending(new PendingRow(r.importId(), r.uai(), now, importedBy, SiecleImporter.filesOf(files), AWAITING,
                r.students().created(), r.students().updated(), held.studentsPresent, r.students().left(),
                r.guardians().created(), r.guardians().updated(), r.guardians().left(),
                r.links().created(), r.links().updated(), held.linksPresent, r.links().left(),
                held.studentThreshold, held.linkThreshold, now.plus(timeout), null, null, processInstanceId));
        for (SiecleImporter.ExportFile f : files) {
            try {
                mapper.insertPendingFile(r.importId(), f.name(), Files.readAllBytes(f.path()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Set<String> leaving = new HashSet<>(held.leavingEleveIds);
        mapper.presentStudents(r.uai()).stream().filter(s -> leaving.contains(s.eleveId()))
                .sorted(Comparator.comparing((ImportReport.Departure d) -> Objects.toString(d.division(), ""))
                        .thenComparing(ImportReport.Departure::lastName).thenComparing(ImportReport.Departure::firstName))
                .limit(DEPARTURES_SHOWN)
                .forEach(d -> mapper.insertDeparture(r.importId(), d));
        held.optionsRemoved.forEach(o -> mapper.insertOptionRemoval(r.importId(), o));
        batch.flushStatements();
    }

    Optional<PendingRow> find(String uai, String importId) {
        return Optional.ofNullable(mapper().findPending(uai, importId));
    }

    Optional<PendingRow> find(String importId) {
        return Optional.ofNullable(mapper().findPendingById(importId));
    }

    List<ImportReport> awaiting(String uai) {
        return mapper().awaitingConfirmation(uai).stream().map(this::report).toList();
    }

    /** The held import as a report: what it would do, and the confirmation it waits for (or got). */
    ImportReport report(PendingRow p) {
        String base = "/api/establishments/" + p.uai() + "/siecle-imports/" + p.id();
        boolean awaiting = AWAITING.equals(p.state());
        ImportReport.Confirmation confirmation = new ImportReport.Confirmation(p.id(), p.state(),
                new ImportReport.Guarded(p.studentsPresent(), p.studentsLeaving(), p.studentThreshold()),
                new ImportReport.Guarded(p.linksPresent(), p.linksEnding(), p.linkThreshold()),
                mapper().departures(p.id()), mapper().optionRemovals(p.id()), p.expiresAt(),
                awaiting ? base + "/confirmation" : null, awaiting ? base + "/cancellation" : null,
                p.decidedBy(), p.decidedAt());
        return new ImportReport(p.id(), p.uai(), p.requestedAt(),
                new ImportReport.Counts(p.studentsCreated(), p.studentsUpdated(), p.studentsLeaving()),
                new ImportReport.Counts(p.guardiansCreated(), p.guardiansUpdated(), p.guardiansLeft()),
                new ImportReport.Counts(p.linksCreated(), p.linksUpdated(), p.linksEnding()),
                List.of(), awaiting, confirmation, null, null);
    }

    /** Writes the held files into a new temporary directory, for the confirmed import to read. */
    Path stageFiles(String importId) {
        try {
            Path directory = Files.createTempDirectory("siecle-confirmed-");
            for (ImportRows.PendingFile f : mapper().pendingFiles(importId)) {
                Files.write(directory.resolve(SiecleImportService.safeName(f.name())), f.content());
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stage the held exports", e);
        }
    }

    /** Confirmed, cancelled or expired, once; the files are no longer needed. */
    boolean decide(String importId, String state, String by) {
        SiecleImportMapper mapper = mapper();
        int changed = mapper.decidePending(importId, state, by, clock.instant());
        mapper.deletePendingFiles(importId);
        batch.flushStatements();
        return changed == 1;
    }
}
