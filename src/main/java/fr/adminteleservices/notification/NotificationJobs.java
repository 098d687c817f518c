package fr.adminteleservices.notification;

import fr.adminteleservices.codes.CodeKind;
import fr.adminteleservices.establishment.EstablishmentService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Following what was notified: a job's progress and summary (with the state of its process: an SMTP outage waiting
 * for its next attempt, an incident), its PDF, the recent jobs, and each couple's or student's notifications.
 */
@Service
public class NotificationJobs {

    /** The zone of the screens' times. */
    private static final ZoneId PAGE_ZONE = ZoneId.of("Europe/Paris");

    private final NotificationMapper mapper;
    private final EstablishmentService establishments;
    private final NotificationPdfs pdfs;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final Clock clock;

    NotificationJobs(NotificationMapper mapper, EstablishmentService establishments, NotificationPdfs pdfs, RuntimeService runtime,
                     ManagementService management, Clock clock) {
        this.mapper = mapper;
        this.establishments = establishments;
        this.pdfs = pdfs;
        this.runtime = runtime;
        this.management = management;
        this.clock = clock;
    }

    /** The job as the progress bar and the summary show it; null when it does not exist. */
    public JobView job(String jobId) {
        NotificationMapper.JobRow job = mapper.findJob(jobId);
        if (job == null) {
            return null;
        }
        int emailed = 0, printed = 0, skipped = 0, waiting = 0, paperDecided = 0;
        for (NotificationMapper.StateCount c : mapper.countItems(jobId)) {
            switch (c.state()) {
                case EMAILED -> emailed += c.items();
                case PRINTED -> printed += c.items();
                case SKIPPED, FAILED -> skipped += c.items();
                case DECIDED -> {
                    if (c.decision() == Channel.EMAIL) {
                        waiting += c.items();
                    } else {
                        paperDecided += c.items();
                    }
                }
                case PENDING -> { }
            }
        }
        int done = emailed + printed + skipped + Math.min(job.lettersRendered(), paperDecided);
        JobState state = job.state();
        String failure = job.failure();
        Job waitingRetry = null;
        if (state == JobState.RUNNING) {
            Incident incident = incident(jobId);
            if (incident != null) {
                state = JobState.FAILED;
                failure = failureMessage(incident);
            } else {
                waitingRetry = failedJob(jobId);
            }
        }
        List<JobView.Skipped> skippedItems = mapper.findSkipped(jobId).stream()
                .map(s -> new JobView.Skipped(s.linkId(), s.eleveId(), s.studentName(), s.guardianName(), s.reason())).toList();
        String pdf = job.pdfId() == null ? null : "/api/notification-jobs/" + job.id() + "/pdf";
        return new JobView(job.id(), job.uai(), job.kind(), state.name(), done, job.total(), emailed, printed, waiting,
                skippedItems, pdf, job.requestedAt(), job.requestedBy(), job.finishedAt(), failure, retryMessage(waitingRetry),
                waitingRetry == null ? null : waitingRetry.getExceptionMessage(),
                waitingRetry == null || waitingRetry.getDuedate() == null ? null : waitingRetry.getDuedate().toInstant());
    }

    /** The last step of the job's process. */
    void finish(String jobId) {
        mapper.finishJob(jobId, JobState.DONE, clock.instant(), null);
    }

    /** A step of the job's process that failed and waits for its next attempt (retry cycle of the BPMN), if any. */
    private Job failedJob(String jobId) {
        ProcessInstance instance = instanceOf(jobId);
        if (instance == null) {
            return null;
        }
        return management.createJobQuery().processInstanceId(instance.getId()).withException().list().stream().findFirst().orElse(null);
    }

    /** What the head reads while a step waits for its next attempt: an SMTP outage is not « en cours ». */
    private String retryMessage(Job failed) {
        if (failed == null) {
            return null;
        }
        String what = "EnvoyerCourriels".equals(failed.getFailedActivityId()) ? "Le serveur de messagerie ne répond pas"
                : "Une étape de la notification a échoué";
        if (failed.getDuedate() == null) {
            return what + ".";
        }
        ZonedDateTime next = failed.getDuedate().toInstant().atZone(PAGE_ZONE);
        String day = next.toLocalDate().equals(LocalDate.now(clock.withZone(PAGE_ZONE))) ? ""
                : " le " + next.format(DateTimeFormatter.ofPattern("dd/MM"));
        return what + " ; nouvel essai" + day + " à " + next.format(DateTimeFormatter.ofPattern("H' h 'mm")) + ".";
    }

    /** The finished PDF of a job, if it has one still kept: read from the database by whichever node serves it. */
    public NotificationPdfs.Stored pdf(String jobId) {
        return pdfs.stored(jobId);
    }

    public List<JobView> recentJobs(String uai, CodeKind kind) {
        return mapper.findRecentJobs(uai, kind, 10).stream().map(j -> job(j.id())).toList();
    }

    /** Who notified the couple's codes, when, how, with which letter (newest first). */
    public List<NotificationRecord> coupleHistory(String uai, long linkId) {
        establishments.get(uai);
        if (mapper.countLink(uai, linkId) == 0) {
            throw new NotificationRefused(HttpStatus.NOT_FOUND, "Ce couple élève / responsable n'existe pas dans l'établissement " + uai + ".");
        }
        return mapper.findNotificationsOfCouple(uai, linkId).stream().map(NotificationJobs::record).toList();
    }

    public List<NotificationRecord> studentHistory(String uai, String eleveId) {
        establishments.get(uai);
        if (mapper.findStudentId(uai, eleveId) == null) {
            throw new NotificationRefused(HttpStatus.NOT_FOUND, "Cet élève n'existe pas dans l'établissement " + uai + ".");
        }
        return mapper.findNotificationsOfStudent(uai, eleveId).stream().map(NotificationJobs::record).toList();
    }

    private static NotificationRecord record(NotificationMapper.NotificationRecord r) {
        return new NotificationRecord(r.codeId(), r.notifiedAt(), r.notifiedBy(), r.channel(), r.variant(), r.recipient());
    }

    /** One notification given: the letter variant NORMAL or CONTINUITY, the channel EMAIL or PAPER. */
    public record NotificationRecord(long codeId, Instant notifiedAt, String notifiedBy, String channel, String variant,
                                     String recipient) {
    }

    private ProcessInstance instanceOf(String jobId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(jobId).processDefinitionKey(Notifications.PROCESS)
                .singleResult();
    }

    private Incident incident(String jobId) {
        ProcessInstance instance = instanceOf(jobId);
        if (instance == null) {
            return null;
        }
        return runtime.createIncidentQuery().processInstanceId(instance.getId()).list().stream().findFirst().orElse(null);
    }

    private static String failureMessage(Incident incident) {
        String message = incident.getIncidentMessage() == null ? "" : incident.getIncidentMessage();
        return "Arrêté après plusieurs tentatives (incident visible dans Cockpit) : " + message;
    }
}
