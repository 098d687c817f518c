package fr.adminteleservices.consultation;

import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The portal's page views for the access statistics (T3), written in batches: a page only queues its view in this
 * node's memory, and every few seconds one transaction writes the queued log lines ({@code consultation_log}) and
 * adds them to the day counts ({@code consultation_count}) — one commit for hundreds of pages instead of one each.
 * <ul>
 *   <li>Never lost on a clean stop: the queue is written when the application closes.</li>
 *   <li>None counted twice: a batch's lines and counts commit together; a batch that fails is rolled back whole and
 *   queued again.</li>
 *   <li>Flat memory: past {@code max-pending} views (the database down for long), pages write themselves.</li>
 * </ul>
 * Per node by nature: every node writes its own queue, so this scheduled work runs on every node, not once per cluster.
 */
@Component
public class ViewLog {

    private static final Logger log = LoggerFactory.getLogger(ViewLog.class);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Lines per INSERT statement: a few hundred keeps statements well under MariaDB's packet limit. */
    private static final int ROWS_PER_STATEMENT = 500;

    /** One page shown. */
    record View(Instant at, String uai, String mefstat, String service, String holder, long accountId, long studentId) {
    }

    /** The key of a day count: a view adds one to it. */
    record DayKey(String uai, LocalDate day, String service, String holder, String mefstat) {
    }

    private final ConsultationMapper mapper;
    private final TransactionOperations transaction;
    private final int maxPending;
    private final int batch;
    private final ConcurrentLinkedQueue<View> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    ViewLog(ConsultationMapper mapper, TransactionOperations transaction,
            ViewLogProperties properties) {
        this.mapper = mapper;
        this.transaction = transaction;
        this.maxPending = properties.maxPending();
        this.batch = properties.batch();
    }

    void record(View view) {
        pending.add(view);
        if (size.incrementAndGet() > maxPending) {
            flush();
        }
    }

    /** Views queued and not yet written. */
    public int pending() {
        return size.get();
    }

    /** Writes every queued view; also what the tests call before reading the statistics. */
    @Scheduled(initialDelayString = "${teleservices.consultation.view-log.flush-every}",
            fixedDelayString = "${teleservices.consultation.view-log.flush-every}")
    public synchronized void flush() {
        List<View> views;
        while (!(views = drain()).isEmpty()) {
            if (!write(views)) {
                return; // queued again; the next flush retries
            }
        }
    }

    @PreDestroy
    void writeBeforeStopping() {
        flush();
        if (size.get() > 0) {
            log.error("{} page views of the access statistics could not be written before stopping", size.get());
        }
    }

    private List<View> drain() {
        List<View> views = new ArrayList<>();
        View v;
        while (views.size() < batch && (v = pending.poll()) != null) {
            views.add(v);
        }
        size.addAndGet(-views.size());
        return views;
    }

    private boolean write(List<View> views) {
        Map<DayKey, Integer> counts = new LinkedHashMap<>();
        for (View v : views) {
            counts.merge(new DayKey(v.uai(), LocalDate.ofInstant(v.at(), PARIS), v.service(), v.holder(),
                    v.mefstat() == null ? "" : v.mefstat()), 1, Integer::sum);
        }
        try {
            transaction.executeWithoutResult(status -> {
                for (int from = 0; from < views.size(); from += ROWS_PER_STATEMENT) {
                    mapper.insertLogs(views.subList(from, Math.min(views.size(), from + ROWS_PER_STATEMENT)));
                }
                counts.forEach((k, n) -> mapper.countViews(k.uai(), k.day(), k.service(), k.holder(), k.mefstat(), n));
            });
            return true;
        } catch (RuntimeException e) {
            pending.addAll(views);
            size.addAndGet(views.size());
            log.warn("{} page views not written yet, retried at the next flush: {}", views.size(), e.getMessage());
            return false;
        }
    }
}
