package fr.adminteleservices.notification;

import fr.adminteleservices.codes.CodeKind;
import fr.adminteleservices.establishment.EstablishmentService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notifying codes (C2, C3, E2, E3): the requests. A request becomes a job whose population is frozen at once;
 * {@code processes/code-notification.bpmn} then decides each item by chunks ({@link NotificationDecisions}), writes the
 * PDF of the paper letters ({@link LetterPrinting}) and sends the e-mails ({@link NotificationEmails}). An individual
 * notification is decided at once, and its letter printed at once. A code is marked notified only once its letter is
 * in a finished PDF or its e-mail has been sent; a retried job redoes only what was not done.
 */
@Service
public class Notifications {

    static final String PROCESS = "code-notification";
    /** Items inserted per statement. */
    private static final int ITEMS_PER_INSERT = 500;

    private final NotificationMapper mapper;
    private final EstablishmentService establishments;
    private final LetterFactory letters;
    private final NotificationPreviews previews;
    private final NotificationDecisions decisions;
    private final LetterPrinting printing;
    private final RuntimeService runtime;
    private final Clock clock;

    Notifications(NotificationMapper mapper, EstablishmentService establishments, LetterFactory letters, NotificationPreviews previews,
                  NotificationDecisions decisions, LetterPrinting printing, RuntimeService runtime, Clock clock) {
        this.mapper = mapper;
        this.establishments = establishments;
        this.letters = letters;
        this.previews = previews;
        this.decisions = decisions;
        this.printing = printing;
        this.runtime = runtime;
        this.clock = clock;
    }

    /** C2: a mass notification of guardians; returns the job, which runs in the background. */
    @Transactional
    public String notifyGuardians(String uai, Set<Channel> channels, boolean onlyNotNotified, String division, String mef, String by) {
        List<NotifiableCouple> population = previews.guardianPopulation(uai, channels, onlyNotNotified, division, mef);
        List<NotificationMapper.NewItem> items = new ArrayList<>(population.size());
        for (NotifiableCouple c : population) {
            items.add(new NotificationMapper.NewItem(items.size(), c.codeId(), c.linkId(), c.studentId()));
        }
        String jobId = insertJob(uai, CodeKind.CAR, channels.contains(Channel.EMAIL), channels.contains(Channel.PAPER), onlyNotNotified,
                division, mef, by, items);
        start(uai, jobId);
        return jobId;
    }

    /** E2: a mass notification of students, on paper; G8 holds back minors whose guardians were not notified. */
    @Transactional
    public String notifyStudents(String uai, boolean onlyNotNotified, String division, String mef, String by) {
        List<NotifiableStudent> population = previews.studentPopulation(uai, onlyNotNotified, division, mef);
        List<NotificationMapper.NewItem> items = new ArrayList<>(population.size());
        for (NotifiableStudent c : population) {
            items.add(new NotificationMapper.NewItem(items.size(), c.codeId(), null, c.studentId()));
        }
        String jobId = insertJob(uai, CodeKind.CAE, false, true, onlyNotNotified, division, mef, by, items);
        start(uai, jobId);
        return jobId;
    }

    /**
     * C3 "Notifier code" for one couple. E-mail: the job id (the e-mail leaves through the outbox).
     * Paper: the one-letter PDF, at once. 409 with the reason when it cannot be done.
     */
    @Transactional
    public Individual notifyCouple(String uai, long linkId, Channel channel, String by) {
        establishments.get(uai);
        if (mapper.countLink(uai, linkId) == 0) {
            throw new NotificationRefused(HttpStatus.NOT_FOUND, "Ce couple élève / responsable n'existe pas dans l'établissement " + uai + ".");
        }
        if (channel == null || channel == Channel.NONE) {
            throw new NotificationRefused(HttpStatus.BAD_REQUEST, "Choisissez le mode de transmission : courrier électronique "
                    + "(EMAIL) ou document papier (PAPER).");
        }
        LetterFactory.Context context = letters.context(uai);
        NotifiableCouple c = previews.couple(uai, linkId).orElseThrow(() -> new NotificationRefused(HttpStatus.CONFLICT,
                "La notification n'est possible que si le code du couple est valide : "
                        + "ce couple n'a pas de code valide (créez-en un avec « Nouveau code »)."));
        boolean email = channel == Channel.EMAIL;
        String jobId = insertJob(uai, CodeKind.CAR, email, !email, false, null, null, by,
                List.of(new NotificationMapper.NewItem(0, c.codeId(), c.linkId(), c.studentId())));
        decisions.decideGuardians(mapper.findJob(jobId), context, true);
        refuseIfSkipped(jobId);
        if (c.mailPending()) {
            throw new NotificationRefused(HttpStatus.CONFLICT, "Un courriel de notification de ce code est déjà en cours d'envoi.");
        }
        if (email) {
            start(uai, jobId);
            return new Individual(jobId, null);
        }
        return new Individual(jobId, printing.printNow(jobId, context));
    }

    /** E3 "Notifier code" for one student: the one-letter PDF, at once; refused with the reason of G8 when it applies. */
    @Transactional
    public Individual notifyStudent(String uai, String eleveId, String by) {
        establishments.get(uai);
        Long studentId = mapper.findStudentId(uai, eleveId);
        if (studentId == null) {
            throw new NotificationRefused(HttpStatus.NOT_FOUND, "Cet élève n'existe pas dans l'établissement " + uai + ".");
        }
        LetterFactory.Context context = letters.context(uai);
        NotifiableStudent c = previews.student(uai, studentId).orElseThrow(() -> new NotificationRefused(HttpStatus.CONFLICT,
                "La notification n'est possible que si le code de l'élève est valide."));
        String jobId = insertJob(uai, CodeKind.CAE, false, true, false, null, null, by,
                List.of(new NotificationMapper.NewItem(0, c.codeId(), null, c.studentId())));
        decisions.decideStudents(mapper.findJob(jobId), context);
        refuseIfSkipped(jobId);
        return new Individual(jobId, printing.printNow(jobId, context));
    }

    /** An individual notification: the job, and the PDF when on paper. */
    public record Individual(String jobId, byte[] pdf) {
    }

    /** An individual notification the rules refused: 409 with their reason, and nothing recorded (the transaction rolls back). */
    private void refuseIfSkipped(String jobId) {
        mapper.findSkipped(jobId).stream().filter(s -> s.state() == ItemState.SKIPPED).findFirst().ifPresent(s -> {
            throw new NotificationRefused(HttpStatus.CONFLICT, s.reason());
        });
    }

    private String insertJob(String uai, CodeKind kind, boolean email, boolean paper, boolean onlyNotNotified, String division,
                             String mef, String by, List<NotificationMapper.NewItem> items) {
        NotificationMapper.NewJob job = new NotificationMapper.NewJob();
        job.id = UUID.randomUUID().toString();
        job.uai = uai;
        job.kind = kind;
        job.requestedBy = by;
        job.requestedAt = clock.instant();
        job.emailRequested = email;
        job.paperRequested = paper;
        job.onlyNotNotified = onlyNotNotified;
        job.division = NotificationPreviews.blankToNull(division);
        job.mef = NotificationPreviews.blankToNull(mef);
        job.total = items.size();
        mapper.insertJob(job);
        for (int from = 0; from < items.size(); from += ITEMS_PER_INSERT) {
            mapper.insertItems(job.id, items.subList(from, Math.min(from + ITEMS_PER_INSERT, items.size())));
        }
        return job.id;
    }

    /** Joins the caller's transaction: the job and its process exist together or not at all. */
    private void start(String uai, String jobId) {
        runtime.startProcessInstanceByKey(PROCESS, jobId, Map.of("uai", uai, "jobId", jobId));
    }
}
