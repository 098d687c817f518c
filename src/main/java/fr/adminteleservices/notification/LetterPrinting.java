package fr.adminteleservices.notification;

import fr.adminteleservices.codes.CodeKind;
import fr.adminteleservices.codes.CodeNotices;
import fr.adminteleservices.notification.letters.Letter;
import fr.adminteleservices.notification.letters.LetterRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import org.apache.ibatis.cursor.Cursor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The paper letters of a job: « Produire le PDF des courriers » of {@code processes/code-notification.bpmn} for a
 * mass notification, or at once for one couple or one student. A code is marked notified only once its letter is in
 * a finished PDF, in the same transaction.
 */
@Component
class LetterPrinting {

    /** The letters' progress is written every so many letters. */
    static final int PROGRESS_EVERY = 100;

    private final NotificationMapper mapper;
    private final LetterFactory letters;
    private final LetterRenderer renderer;
    private final NotificationPdfs pdfs;
    private final CodeNotices codes;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    LetterPrinting(NotificationMapper mapper, LetterFactory letters, LetterRenderer renderer, NotificationPdfs pdfs, CodeNotices codes,
                   PlatformTransactionManager transactions, Clock clock) {
        this.mapper = mapper;
        this.letters = letters;
        this.renderer = renderer;
        this.pdfs = pdfs;
        this.codes = codes;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
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
        recordPrinted(job);
        pdfs.attach(jobId, pdf);
    }

    /** The one-letter PDF of an individual notification (C3, E3), recorded as notified in the caller's transaction. */
    byte[] printNow(String jobId, LetterFactory.Context context) {
        NotificationMapper.JobRow job = mapper.findJob(jobId);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream(64 * 1024);
        render(job, context, pdf, false);
        recordPrinted(job);
        mapper.finishJob(jobId, JobState.DONE, clock.instant(), null);
        return pdf.toByteArray();
    }

    private void render(NotificationMapper.JobRow job, LetterFactory.Context context, OutputStream out, boolean progress) {
        boolean students = job.kind() == CodeKind.CAE;
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

    private void recordPrinted(NotificationMapper.JobRow job) {
        // a second execution of the step waits here until the first commits, then finds nothing left to record
        List<Long> printed = mapper.lockPaperCodes(job.id());
        mapper.recordPaperNotifications(job.id(), clock.instant());
        codes.notified(job.kind(), printed, LocalDate.now(clock));
        mapper.markPrinted(job.id());
    }

    private int paperItems(String jobId) {
        return mapper.countItems(jobId).stream().filter(c -> c.state() == ItemState.DECIDED && c.decision() == Channel.PAPER)
                .mapToInt(NotificationMapper.StateCount::items).sum();
    }
}
