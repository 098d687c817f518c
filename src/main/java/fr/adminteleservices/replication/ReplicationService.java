package fr.adminteleservices.replication;

import fr.adminteleservices.settings.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the téléservices side. Idempotent: each establishment's ts_* rows are brought to what the
 * administrative side holds (small tables replaced, big ones merged) in one transaction of their own (a
 * failure leaves that establishment as it was the day before and stops the run, which the process then
 * retries). Settings are copied as in force on {@code asOf}.
 */
@Service
public class ReplicationService {

    private static final Logger log = LoggerFactory.getLogger(ReplicationService.class);

    private final ReplicationMapper mapper;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    /** How long a run holds the cluster's lock without renewing it (after each establishment): a dead node's lock runs out. */
    private final Duration lease;

    ReplicationService(ReplicationMapper mapper, PlatformTransactionManager transactions, Clock clock,
                       ReplicationProperties properties) {
        this.mapper = mapper;
        this.lease = properties.lease();
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * Copies every establishment as of that day. One run at a time across the cluster: it holds the
     * lease of the row {@code replication_lock}, renewed after each establishment; another request
     * meanwhile gets {@link ReplicationInProgress} with the run's progress (two runs at once used to
     * deadlock on the ts_* tables).
     */
    public ReplicationRun replicate(LocalDate asOf, String startedBy, String processInstanceId) {
        long started = System.nanoTime();
        String owner = UUID.randomUUID().toString();
        Instant now = clock.instant();
        if (ownTransaction.execute(s -> mapper.acquireLock(owner, now, now.plus(lease))) != 1) {
            throw new ReplicationInProgress(mapper.findLockedRun(now));
        }
        try {
            ReplicationMapper.RunRow run = new ReplicationMapper.RunRow();
            run.processInstanceId = processInstanceId;
            run.startedAt = now;
            run.startedBy = startedBy;
            run.asOf = asOf;
            List<String> establishments = mapper.findEstablishments();
            run.establishmentsTotal = establishments.size();
            ownTransaction.executeWithoutResult(s -> {
                mapper.insertRun(run);
                mapper.setLockedRun(owner, run.id);
            });
            for (String uai : establishments) {
                Counts counts = ownTransaction.execute(s -> {
                    Counts c = replicate(uai, asOf, run.startedAt);
                    mapper.progressRun(run.id);
                    if (mapper.renewLock(owner, clock.instant().plus(lease)) != 1) {
                        // our lease ran out and another run took over: stop rather than run beside it
                        throw new IllegalStateException("Replication lease lost while copying " + uai);
                    }
                    return c;
                });
                if (counts != null && counts.declared) {
                    run.establishments++;
                    run.students += counts.students;
                    run.guardians += counts.guardians;
                    run.links += counts.links;
                    run.services += counts.services;
                    run.codes += counts.codes;
                }
            }
            run.finishedAt = clock.instant();
            run.durationMs = (System.nanoTime() - started) / 1_000_000;
            ownTransaction.executeWithoutResult(s -> mapper.finishRun(run));
            return logged(run, asOf);
        } finally {
            ownTransaction.executeWithoutResult(s -> mapper.releaseLock(owner));
        }
    }

    private ReplicationRun logged(ReplicationMapper.RunRow run, LocalDate asOf) {
        log.info("Replication as of {}: {} establishments, {} students, {} guardians, {} links, {} codes in {} ms",
                asOf, run.establishments, run.students, run.guardians, run.links, run.codes, run.durationMs);
        return mapper.findRun(run.id);
    }

    public ReplicationRun runOfProcess(String processInstanceId) {
        return mapper.findRunOfProcess(processInstanceId);
    }

    public List<ReplicationRun> recentRuns(int limit) {
        return mapper.findRecentRuns(limit);
    }

    private Counts replicate(String uai, LocalDate asOf, Instant at) {
        mapper.lockEstablishment(uai);
        mapper.clearServices(uai);
        mapper.clearUsefulLinks(uai);
        mapper.clearDueDates(uai);
        mapper.clearSettings(uai);
        mapper.clearEstablishment(uai);
        Counts counts = new Counts();
        // An establishment that does not use the téléservices (O1) shows nothing to families.
        if (!mapper.isDeclared(uai)) {
            clearFamilies(uai);
            return counts;
        }
        counts.declared = true;
        // the small tables replaced, with a new stamp: the portal's cached pages of the establishment are dropped
        mapper.copyEstablishment(uai, at, UUID.randomUUID().toString());
        counts.services = mapper.copyServices(uai);
        if (mapper.copySettings(uai, asOf) == 0) {
            Settings defaults = Settings.defaults(uai);
            mapper.copyDefaultSettings(uai, asOf, defaults.letterType().name(), defaults.notesPublication().mode().name(),
                    defaults.lpcDelayDays());
        }
        mapper.copyUsefulLinks(uai, asOf);
        mapper.copyDueDates(uai, asOf);
        // the big ones merged (ReplicationMapper.xml); the consultation records after the students they join
        mapper.mergeFamilies(uai, asOf);
        // Grades and absences of the current school year and LPC validations of every year, of the students present,
        // copied whether or not their service is open: the rule publication-visibility decides at read time (service
        // open, publication mode and due date, LPC delay), so opening or closing a service needs no other copy (V8).
        mapper.mergeConsultationRecords(uai);
        ReplicationMapper.CopyCounts copied = mapper.countCopies(uai);
        counts.students = copied.students();
        counts.guardians = copied.guardians();
        counts.links = copied.links();
        counts.codes = copied.codes();
        return counts;
    }

    private void clearFamilies(String uai) {
        mapper.clearGuardianCodes(uai);
        mapper.clearStudentCodes(uai);
        mapper.clearConsultationRecords(uai); // consultation (V8)
        mapper.clearLinks(uai);
        mapper.clearGuardians(uai);
        mapper.clearStudents(uai);
    }


    private static final class Counts {
        boolean declared;
        int students;
        int guardians;
        int links;
        int services;
        int codes;
    }
}
