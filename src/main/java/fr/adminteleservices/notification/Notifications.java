package fr.adminteleservices.notification;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.mail.OutgoingMail;
import fr.adminteleservices.mail.Outbox;
import fr.adminteleservices.notification.letters.Letter;
import fr.adminteleservices.notification.letters.LetterRenderer;
import fr.adminteleservices.platform.FrenchOrder;
import fr.adminteleservices.platform.RuleBook;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.apache.ibatis.cursor.Cursor;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notifying codes (C2, C3, E2, E3). A request becomes a job whose population is frozen at once;
 * {@code processes/code-notification.bpmn} then decides each item by chunks (rules
 * notification-channel, letter-variant, cae-ordering), writes the PDF of the paper letters, and sends
 * the e-mails through the outbox. A code is marked notified only once its letter is in a finished
 * PDF or its e-mail has been sent; a retried job redoes only what was not done.
 */
@Service
public class Notifications {

    static final String PROCESS = "code-notification";
    static final String MAIL_TEMPLATE = "guardian-letter";
    /** Items decided per transaction. */
    static final int CHUNK = 200;
    /** The zone of the screens' times. */
    private static final ZoneId PAGE_ZONE = ZoneId.of("Europe/Paris");
    /** The letters' progress is written every so many letters. */
    static final int PROGRESS_EVERY = 100;

    private final NotificationMapper mapper;
    private final EstablishmentService establishments;
    private final LetterFactory letters;
    private final LetterRenderer renderer;
    private final RuleBook rules;
    private final Outbox outbox;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final NotificationPdfs pdfs;

    Notifications(NotificationMapper mapper, EstablishmentService establishments, LetterFactory letters, LetterRenderer renderer,
                  RuleBook rules, Outbox outbox, RuntimeService runtime, ManagementService management, PlatformTransactionManager transactions, Clock clock,
                  NotificationPdfs pdfs) {
        this.mapper = mapper;
        this.establishments = establishments;
        this.letters = letters;
        this.renderer = renderer;
        this.rules = rules;
        this.outbox = outbox;
        this.runtime = runtime;
        this.management = management;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.pdfs = pdfs;
    }

    // ------------------------------------------------------------------ lists of the screens

    /** The couples a notification with these filters would consider (valid CARs only). */
    public List<NotifiableCouple> guardianCandidates(String uai, boolean onlyNotNotified, String division, String mef) {
        establishments.get(uai);
        return couplesInFrenchOrder(mapper.findGuardianCandidates(uai, selection(onlyNotNotified, division, mef, null, null)));
    }

    public List<NotifiableStudent> studentCandidates(String uai, boolean onlyNotNotified, String division, String mef) {
        establishments.get(uai);
        return studentsInFrenchOrder(mapper.findStudentCandidates(uai, selection(onlyNotNotified, division, mef, null, null)));
    }

    /** Lists and letters in French order (« Bédier » before « Boucher »), whatever the database's collation. */
    private static List<NotifiableCouple> couplesInFrenchOrder(List<NotifiableCouple> rows) {
        List<NotifiableCouple> sorted = new ArrayList<>(rows);
        sorted.sort(FrenchOrder.byDivisionThenName(NotifiableCouple::division, NotifiableCouple::studentLastName,
                NotifiableCouple::studentFirstName));
        return sorted;
    }

    private static List<NotifiableStudent> studentsInFrenchOrder(List<NotifiableStudent> rows) {
        List<NotifiableStudent> sorted = new ArrayList<>(rows);
        sorted.sort(FrenchOrder.byDivisionThenName(NotifiableStudent::division, NotifiableStudent::lastName, NotifiableStudent::firstName));
        return sorted;
    }

    // ------------------------------------------------------------------ requests

    /**
     * What a mass notification of guardians would do, for the confirmation the guide asks before it
     * starts (§4.2): the couples, the channels, and how many by e-mail, on paper, not at all (no e-mail
     * address with « courrier électronique » alone), as the rule notification-channel decides today.
     * Refused (with the reason) exactly when {@link #notifyGuardians} would be.
     */
    public GuardianPreview previewGuardians(String uai, Set<Channel> channels, boolean onlyNotNotified, String division, String mef) {
        List<NotifiableCouple> population = guardianPopulation(uai, channels, onlyNotNotified, division, mef);
        boolean email = channels.contains(Channel.EMAIL);
        boolean paper = channels.contains(Channel.PAPER);
        List<ChannelChoice> choices = population.stream()
                .map(c -> new ChannelChoice(Letter.Holder.GUARDIAN, email, paper, hasEmail(c.email()))).toList();
        rules.session("notification-channel").execute(choices);
        int byEmail = (int) choices.stream().filter(c -> c.getChannel() == Channel.EMAIL).count();
        int onPaper = (int) choices.stream().filter(c -> c.getChannel() == Channel.PAPER).count();
        Set<Channel> asked = java.util.EnumSet.noneOf(Channel.class);
        asked.addAll(channels);
        asked.remove(Channel.NONE);
        return new GuardianPreview(population.size(), asked, byEmail, onPaper, population.size() - byEmail - onPaper);
    }

    /** The confirmation of a mass notification of guardians: how many couples, which channels, what each gets. */
    public record GuardianPreview(int couples, Set<Channel> channels, int byEmail, int onPaper, int notNotified) {
    }

    /**
     * What a mass notification of students would do (§5.1): the students, the letters printed, and the
     * minors held back (G8) or students whose access was removed, with the reason.
     */
    public StudentPreview previewStudents(String uai, boolean onlyNotNotified, String division, String mef) {
        List<NotifiableStudent> population = studentPopulation(uai, onlyNotNotified, division, mef);
        List<HeldBack> held = heldBack(population);
        return new StudentPreview(population.size(), population.size() - held.size(), held);
    }

    /** The confirmation of a mass notification of students: how many, how many letters, who is held back and why. */
    public record StudentPreview(int students, int letters, List<HeldBack> heldBack) {
    }

    private List<NotifiableCouple> guardianPopulation(String uai, Set<Channel> channels, boolean onlyNotNotified, String division,
                                                      String mef) {
        establishments.get(uai);
        boolean email = channels != null && channels.contains(Channel.EMAIL);
        boolean paper = channels != null && channels.contains(Channel.PAPER);
        if (!email && !paper) {
            throw new NotificationRefused(HttpStatus.BAD_REQUEST, "Choisissez le mode de transmission : courrier électronique, "
                    + "document papier, ou les deux.");
        }
        letters.context(uai);
        return population(
                couplesInFrenchOrder(mapper.findGuardianCandidates(uai, selection(false, division, mef, null, null))), onlyNotNotified,
                NotifiableCouple::notifiedOn, "Aucun couple élève / responsable n'existe pour cette sélection.");
    }

    private List<NotifiableStudent> studentPopulation(String uai, boolean onlyNotNotified, String division, String mef) {
        establishments.get(uai);
        letters.context(uai);
        return population(
                studentsInFrenchOrder(mapper.findStudentCandidates(uai, selection(false, division, mef, null, null))), onlyNotNotified,
                NotifiableStudent::notifiedOn, "Aucun élève n'existe pour cette sélection.");
    }

    /** C2: a mass notification of guardians; returns the job, which runs in the background. */
    @Transactional
    public String notifyGuardians(String uai, Set<Channel> channels, boolean onlyNotNotified, String division, String mef, String by) {
        List<NotifiableCouple> population = guardianPopulation(uai, channels, onlyNotNotified, division, mef);
        boolean email = channels.contains(Channel.EMAIL);
        boolean paper = channels.contains(Channel.PAPER);
        List<NotificationMapper.NewItem> items = new ArrayList<>(population.size());
        for (NotifiableCouple c : population) {
            items.add(new NotificationMapper.NewItem(items.size(), c.codeId(), c.linkId(), c.studentId()));
        }
        return startJob(uai, "CAR", email, paper, onlyNotNotified, division, mef, by, items);
    }

    /** E2: a mass notification of students, on paper; G8 holds back minors whose guardians were not notified. */
    @Transactional
    public String notifyStudents(String uai, boolean onlyNotNotified, String division, String mef, String by) {
        List<NotifiableStudent> population = studentPopulation(uai, onlyNotNotified, division, mef);
        List<NotificationMapper.NewItem> items = new ArrayList<>(population.size());
        for (NotifiableStudent c : population) {
            items.add(new NotificationMapper.NewItem(items.size(), c.codeId(), null, c.studentId()));
        }
        return startJob(uai, "CAE", false, true, onlyNotNotified, division, mef, by, items);
    }

    /**
     * C3 "Notifier code" for one couple. E-mail: the job id (the e-mail leaves through the outbox).
     * Paper: the one-letter PDF, at once. 409 with the reason when it cannot be done.
     */
    static final String NO_EMAIL_FOR_ONE_COUPLE = "Aucune adresse électronique n'est connue dans SIECLE pour ce responsable : "
            + "le courriel ne peut pas partir. Choisissez « Document papier » pour imprimer son courrier.";

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
        List<NotifiableCouple> found = mapper.findGuardianCandidates(uai,
                selection(false, null, null, List.of(linkId), null));
        if (found.isEmpty()) {
            throw new NotificationRefused(HttpStatus.CONFLICT, "La notification n'est possible que si le code du couple est valide : "
                    + "ce couple n'a pas de code valide (créez-en un avec « Nouveau code »).");
        }
        NotifiableCouple c = found.get(0);
        boolean email = channel == Channel.EMAIL;
        ChannelChoice choice = new ChannelChoice(Letter.Holder.GUARDIAN, email, !email, hasEmail(c.email()));
        rules.session("notification-channel").execute(List.of(choice));
        if (choice.getChannel() == Channel.NONE) {
            // the rule's reason speaks to the mass form, where both channels can be ticked; here only one is chosen
            throw new NotificationRefused(HttpStatus.CONFLICT, email ? NO_EMAIL_FOR_ONE_COUPLE : choice.getReason());
        }
        if (c.mailPending()) {
            throw new NotificationRefused(HttpStatus.CONFLICT, "Un courriel de notification de ce code est déjà en cours d'envoi.");
        }
        String jobId = insertJob(uai, "CAR", email, !email, false, null, null, by,
                List.of(new NotificationMapper.NewItem(0, c.codeId(), c.linkId(), c.studentId())));
        decideGuardians(jobId, context);
        if (email) {
            start(uai, jobId);
            return new Individual(jobId, null);
        }
        return new Individual(jobId, printNow(jobId, "CAR", context));
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
        List<NotifiableStudent> found = mapper.findStudentCandidates(uai, selection(false, null, null, null, List.of(studentId)));
        if (found.isEmpty()) {
            throw new NotificationRefused(HttpStatus.CONFLICT, "La notification n'est possible que si le code de l'élève est valide.");
        }
        NotifiableStudent c = found.get(0);
        String jobId = insertJob(uai, "CAE", false, true, false, null, null, by,
                List.of(new NotificationMapper.NewItem(0, c.codeId(), null, c.studentId())));
        decideStudents(jobId, context);
        List<NotificationMapper.SkippedItem> skipped = mapper.findSkipped(jobId);
        if (!skipped.isEmpty()) {
            throw new NotificationRefused(HttpStatus.CONFLICT, skipped.get(0).reason());
        }
        return new Individual(jobId, printNow(jobId, "CAE", context));
    }

    /** An individual notification: the job, and the PDF when on paper. */
    public record Individual(String jobId, byte[] pdf) {
    }

    private <T> List<T> population(List<T> all, boolean onlyNotNotified, Function<T, LocalDate> notifiedOn, String emptyMessage) {
        if (all.isEmpty()) {
            throw new NotificationRefused(HttpStatus.CONFLICT, emptyMessage);
        }
        if (!onlyNotNotified) {
            return all;
        }
        List<T> notNotified = all.stream().filter(c -> notifiedOn.apply(c) == null).toList();
        if (notNotified.isEmpty()) {
            throw new NotificationRefused(HttpStatus.CONFLICT, "Toute la population sélectionnée a déjà été notifiée. Pour notifier "
                    + "à nouveau, choisissez « Tous » au lieu de « Non notifiés uniquement ».");
        }
        return notNotified;
    }

    private String startJob(String uai, String kind, boolean email, boolean paper, boolean onlyNotNotified, String division,
                            String mef, String by, List<NotificationMapper.NewItem> items) {
        String jobId = insertJob(uai, kind, email, paper, onlyNotNotified, division, mef, by, items);
        start(uai, jobId);
        return jobId;
    }

    private String insertJob(String uai, String kind, boolean email, boolean paper, boolean onlyNotNotified, String division,
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
        job.division = blankToNull(division);
        job.mef = blankToNull(mef);
        job.total = items.size();
        mapper.insertJob(job);
        for (int from = 0; from < items.size(); from += 500) {
            mapper.insertItems(job.id, items.subList(from, Math.min(from + 500, items.size())));
        }
        return job.id;
    }

    /** Joins the caller's transaction: the job and its process exist together or not at all. */
    private void start(String uai, String jobId) {
        runtime.startProcessInstanceByKey(PROCESS, jobId, Map.of("uai", uai, "jobId", jobId));
    }

    // ------------------------------------------------------------------ the process's steps

    /** "Décider" (one chunk): returns how many items remain undecided. */
    int decideNext(String jobId) {
        NotificationMapper.JobRow job = mapper.findJob(jobId);
        LetterFactory.Context context = letters.context(job.uai());
        if ("CAE".equals(job.kind())) {
            decideStudents(jobId, context);
        } else {
            decideGuardians(jobId, context);
        }
        return mapper.countItemsToDecide(jobId);
    }

    private void decideGuardians(String jobId, LetterFactory.Context context) {
        NotificationMapper.JobRow job = mapper.findJob(jobId);
        List<NotificationMapper.GuardianItem> items = mapper.findGuardianItemsToDecide(jobId, CHUNK);
        List<ChannelChoice> channels = new ArrayList<>();
        List<LetterVariantChoice> variants = new ArrayList<>();
        for (NotificationMapper.GuardianItem i : items) {
            channels.add(new ChannelChoice(Letter.Holder.GUARDIAN, job.emailRequested(), job.paperRequested(), hasEmail(i.email())));
            variants.add(new LetterVariantChoice(i.continuityOn(), context.schoolYearStart(), i.continuitySent(), false));
        }
        if (items.isEmpty()) {
            return;
        }
        rules.session("notification-channel").execute(channels);
        rules.session("letter-variant").execute(variants);
        for (int k = 0; k < items.size(); k++) {
            NotificationMapper.GuardianItem item = items.get(k);
            ChannelChoice channel = channels.get(k);
            String variant = variants.get(k).getVariant().name();
            if (!item.codeValid()) {
                mapper.decideItem(item.id(), "SKIPPED", null, "Le code a été invalidé depuis la demande de notification.", "SKIPPED");
            } else if (channel.getChannel() == Channel.NONE) {
                mapper.decideItem(item.id(), "SKIPPED", null, channel.getReason(), "SKIPPED");
            } else if (channel.getChannel() == Channel.EMAIL) {
                mapper.decideItem(item.id(), "EMAIL", variant, channel.getReason(), "DECIDED");
                boolean queued = outbox.enqueue(new OutgoingMail(jobId, MAIL_TEMPLATE, Long.toString(item.id()), item.email().strip(),
                        context.establishmentName(), "CAR-" + item.codeId()));
                if (!queued) {
                    mapper.failItem(item.id(), "Un courriel de notification de ce code est déjà en cours d'envoi (autre demande).");
                }
            } else {
                mapper.decideItem(item.id(), "PAPER", variant, channel.getReason(), "DECIDED");
            }
        }
    }

    private void decideStudents(String jobId, LetterFactory.Context context) {
        List<NotificationMapper.StudentItem> items = mapper.findStudentItemsToDecide(jobId, CHUNK);
        if (items.isEmpty()) {
            return;
        }
        List<CaeOrderingCheck> orderings = caeOrdering(items.stream().map(NotificationMapper.StudentItem::studentId).toList(),
                items.stream().map(NotificationMapper.StudentItem::birthDate).toList(), context.today());
        List<LetterVariantChoice> variants = new ArrayList<>();
        for (NotificationMapper.StudentItem i : items) {
            variants.add(new LetterVariantChoice(i.continuityOn(), context.schoolYearStart(), i.continuitySent(), false));
        }
        rules.session("letter-variant").execute(variants);
        for (int k = 0; k < items.size(); k++) {
            NotificationMapper.StudentItem item = items.get(k);
            CaeOrderingCheck ordering = orderings.get(k);
            if (!item.codeValid()) {
                mapper.decideItem(item.id(), "SKIPPED", null, "Le code a été invalidé depuis la demande de notification.", "SKIPPED");
            } else if (item.refused()) {
                mapper.decideItem(item.id(), "SKIPPED", null, ACCESS_REMOVED, "SKIPPED");
            } else if (!ordering.isAllowed()) {
                mapper.decideItem(item.id(), "SKIPPED", null, ordering.getReason(), "SKIPPED");
            } else {
                mapper.decideItem(item.id(), "PAPER", variants.get(k).getVariant().name(), ordering.getReason(), "DECIDED");
            }
        }
    }

    /** Why a student whose access was removed gets no letter. */
    static final String ACCESS_REMOVED = "L'accès aux téléservices a été enlevé pour cet élève (coupon réponse « pour l'élève ») : "
            + "pas de courrier.";

    /**
     * E2 before « Notifier »: the students of this list that a notification started now would hold back,
     * with the reason (access removed, or the rule cae-ordering, G8), by student id, in the list's order.
     */
    public List<HeldBack> heldBack(List<NotifiableStudent> students) {
        List<HeldBack> held = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        for (int from = 0; from < students.size(); from += CHUNK) {
            List<NotifiableStudent> chunk = students.subList(from, Math.min(from + CHUNK, students.size()));
            List<CaeOrderingCheck> orderings = caeOrdering(chunk.stream().map(NotifiableStudent::studentId).toList(),
                    chunk.stream().map(NotifiableStudent::birthDate).toList(), today);
            for (int k = 0; k < chunk.size(); k++) {
                NotifiableStudent st = chunk.get(k);
                String reason = st.refused() ? ACCESS_REMOVED : orderings.get(k).isAllowed() ? null : orderings.get(k).getReason();
                if (reason != null) {
                    held.add(new HeldBack(st.studentId(), st.eleveId(), st.lastName(), st.firstName(), st.division(), reason));
                }
            }
        }
        return held;
    }

    /** A student a mass notification would hold back, and why. */
    public record HeldBack(long studentId, String eleveId, String lastName, String firstName, String division, String reason) {
    }

    /** D4 for these students (same order), from the state of their legal guardians 1 and 2. */
    private List<CaeOrderingCheck> caeOrdering(List<Long> studentIds, List<LocalDate> birthDates, LocalDate today) {
        Map<Long, List<GuardianNotice>> guardians = new LinkedHashMap<>();
        for (NotificationMapper.GuardianState g : mapper.findLegalGuardians(studentIds)) {
            guardians.computeIfAbsent(g.studentId(), k -> new ArrayList<>())
                    .add(new GuardianNotice(guardianName(g), g.validCar(), g.refused(), g.notified()));
        }
        List<CaeOrderingCheck> orderings = new ArrayList<>(studentIds.size());
        for (int k = 0; k < studentIds.size(); k++) {
            orderings.add(new CaeOrderingCheck(birthDates.get(k), today, guardians.getOrDefault(studentIds.get(k), List.of())));
        }
        rules.session("cae-ordering").execute(orderings);
        return orderings;
    }

    /**
     * "Produire le PDF des courriers": streams the job's paper letters into one PDF, stored in the database
     * part by part (NotificationPdfs), then, in the same transaction, records them as notified. A failure before the end marks nothing. FOP
     * renders about 35 letters a second on a loaded 2-core machine (LetterBenchmark): a lycée's 7,000
     * letters come close to the job's 5-minute lock, so a second execution may start beside this
     * one; it writes its own PDF, records nothing twice (the items are locked, then found printed) and keeps
     * the PDF of whichever finished first.
     */
    void printLetters(String jobId) {
        NotificationMapper.JobRow job = mapper.findJob(jobId);
        mapper.skipInvalidPaperItems(jobId, job.kind(), "Le code a été invalidé avant l'impression du courrier.");
        if (paperItems(jobId) == 0) {
            return;
        }
        LetterFactory.Context context = letters.context(job.uai());
        pdfs.purge(job.uai());
        // in the job's transaction: an execution that fails or loses the engine's lock leaves no part behind
        NotificationPdfs.Writer pdf = pdfs.writer(jobId);
        try (pdf) {
            render(job, context, pdf, true);
        }
        recordPrinted(jobId, job.kind());
        pdfs.attach(jobId, pdf);
    }

    private byte[] printNow(String jobId, String kind, LetterFactory.Context context) {
        NotificationMapper.JobRow job = mapper.findJob(jobId);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream(64 * 1024);
        render(job, context, pdf, false);
        recordPrinted(jobId, kind);
        mapper.finishJob(jobId, "DONE", clock.instant(), null);
        return pdf.toByteArray();
    }

    private void render(NotificationMapper.JobRow job, LetterFactory.Context context, OutputStream out, boolean progress) {
        boolean students = "CAE".equals(job.kind());
        try (Cursor<NotificationMapper.LetterRow> rows = students ? mapper.streamStudentLetters(job.id()) : mapper.streamGuardianLetters(job.id())) {
            Iterator<NotificationMapper.LetterRow> it = rows.iterator();
            int[] count = {0};
            Iterable<Letter> lazy = () -> new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Letter next() {
                    NotificationMapper.LetterRow row = it.next();
                    if (progress && ++count[0] % PROGRESS_EVERY == 0) {
                        int done = count[0];
                        ownTransaction.executeWithoutResult(t -> mapper.setLettersRendered(job.id(), done));
                    }
                    return students ? letters.studentLetter(context, row) : letters.guardianLetter(context, row);
                }
            };
            renderer.render(lazy, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void recordPrinted(String jobId, String kind) {
        // a second execution of the step waits here until the first commits, then finds nothing left to record
        mapper.lockPaperItems(jobId);
        Instant now = clock.instant();
        mapper.recordPaperNotifications(jobId, now);
        if ("CAE".equals(kind)) {
            mapper.markStudentCodesNotified(jobId, LocalDate.now(clock));
        } else {
            mapper.markGuardianCodesNotified(jobId, LocalDate.now(clock));
        }
        mapper.markPrinted(jobId);
    }

    private int paperItems(String jobId) {
        return mapper.countItems(jobId).stream().filter(c -> "PAPER".equals(c.decision()) && "DECIDED".equals(c.state()))
                .mapToInt(NotificationMapper.StateCount::items).sum();
    }

    /**
     * "Envoyer les courriels", one slice: returns how many e-mails still wait (the process loops). Throws
     * when the SMTP server is unavailable, so that the process retries later.
     */
    int sendEmails(String jobId) {
        return outbox.sendSlice(jobId).left();
    }

    void finish(String jobId) {
        mapper.finishJob(jobId, "DONE", clock.instant(), null);
    }

    // ------------------------------------------------------------------ following a job

    /** The job as the progress bar and the summary show it; null when it does not exist. */
    public JobView job(String jobId) {
        NotificationMapper.JobRow job = mapper.findJob(jobId);
        if (job == null) {
            return null;
        }
        int emailed = 0, printed = 0, skipped = 0, waiting = 0, paperDecided = 0;
        for (NotificationMapper.StateCount c : mapper.countItems(jobId)) {
            switch (c.state()) {
                case "EMAILED" -> emailed += c.items();
                case "PRINTED" -> printed += c.items();
                case "SKIPPED", "FAILED" -> skipped += c.items();
                case "DECIDED" -> {
                    if ("EMAIL".equals(c.decision())) {
                        waiting += c.items();
                    } else {
                        paperDecided += c.items();
                    }
                }
                default -> { }
            }
        }
        int done = emailed + printed + skipped + Math.min(job.lettersRendered(), paperDecided);
        String state = job.state();
        String failure = job.failure();
        Job waitingRetry = null;
        if ("RUNNING".equals(state)) {
            Incident incident = incident(jobId);
            if (incident != null) {
                state = "FAILED";
                failure = failureMessage(incident);
            } else {
                waitingRetry = failedJob(jobId);
            }
        }
        List<JobView.Skipped> skippedItems = mapper.findSkipped(jobId).stream()
                .map(s -> new JobView.Skipped(s.linkId(), s.eleveId(), s.studentName(), s.guardianName(), s.reason())).toList();
        String pdf = job.pdfId() == null ? null : "/api/notification-jobs/" + job.id() + "/pdf";
        return new JobView(job.id(), job.uai(), job.kind(), state, done, job.total(), emailed, printed, waiting, skippedItems, pdf,
                job.requestedAt(), job.requestedBy(), job.finishedAt(), failure, retryMessage(waitingRetry),
                waitingRetry == null ? null : waitingRetry.getExceptionMessage(),
                waitingRetry == null || waitingRetry.getDuedate() == null ? null : waitingRetry.getDuedate().toInstant());
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

    public List<JobView> recentJobs(String uai, String kind) {
        return mapper.findRecentJobs(uai, kind, 10).stream().map(j -> job(j.id())).toList();
    }

    /** Who notified the couple's codes, when, how, with which letter (newest first). */
    public List<NotificationRecord> coupleHistory(String uai, long linkId) {
        establishments.get(uai);
        if (mapper.countLink(uai, linkId) == 0) {
            throw new NotificationRefused(HttpStatus.NOT_FOUND, "Ce couple élève / responsable n'existe pas dans l'établissement " + uai + ".");
        }
        return mapper.findNotificationsOfCouple(uai, linkId).stream().map(Notifications::record).toList();
    }

    public List<NotificationRecord> studentHistory(String uai, String eleveId) {
        establishments.get(uai);
        if (mapper.findStudentId(uai, eleveId) == null) {
            throw new NotificationRefused(HttpStatus.NOT_FOUND, "Cet élève n'existe pas dans l'établissement " + uai + ".");
        }
        return mapper.findNotificationsOfStudent(uai, eleveId).stream().map(Notifications::record).toList();
    }

    private static NotificationRecord record(NotificationMapper.NotificationRecord r) {
        return new NotificationRecord(r.codeId(), r.notifiedAt(), r.notifiedBy(), r.channel(), r.variant(), r.recipient());
    }

    /** One notification given: the letter variant NORMAL or CONTINUITY, the channel EMAIL or PAPER. */
    public record NotificationRecord(long codeId, Instant notifiedAt, String notifiedBy, String channel, String variant,
                                     String recipient) {
    }

    private ProcessInstance instanceOf(String jobId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(jobId).processDefinitionKey(PROCESS).singleResult();
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

    private NotificationMapper.Selection selection(boolean onlyNotNotified, String division, String mef, Collection<Long> linkIds,
                                                   Collection<Long> studentIds) {
        return new NotificationMapper.Selection(onlyNotNotified, blankToNull(division), blankToNull(mef), linkIds, studentIds,
                LocalDate.now(clock));
    }

    private static String guardianName(NotificationMapper.GuardianState g) {
        String civility = switch (LetterFactory.salutation(g.civility())) {
            case "Monsieur" -> "M. ";
            case "Madame" -> "Mme ";
            default -> "";
        };
        return civility + (g.lastName() == null ? "" : g.lastName().toUpperCase(java.util.Locale.FRENCH))
                + (g.firstName() == null ? "" : " " + g.firstName());
    }

    static boolean hasEmail(String email) {
        return email != null && !email.isBlank() && email.contains("@");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
