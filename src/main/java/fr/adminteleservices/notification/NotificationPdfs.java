package fr.adminteleservices.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The PDFs of the paper letters, kept in the database so that any node serves the download: FOP writes into
 * {@link #writer}, which stores parts of {@value #PART_SIZE} bytes (a lycée's PDF is far above MariaDB's 16 MB
 * packet), and {@link #reader} reads them back one part at a time: memory stays flat whatever the size.
 * They print codes in clear: only the establishment's screens and API serve them, and they are deleted
 * {@code teleservices.notification.pdf-kept} (7 days) after the request, by a purge run once per cluster.
 */
@Component
public class NotificationPdfs {

    static final int PART_SIZE = 1024 * 1024;

    private final PdfMapper mapper;
    private final Clock clock;
    private final Duration kept;

    NotificationPdfs(PdfMapper mapper, Clock clock, NotificationProperties properties) {
        this.mapper = mapper;
        this.clock = clock;
        this.kept = properties.pdfKept();
    }

    /** A new PDF of the job, written part by part in the caller's transaction (a failure leaves no part behind). */
    Writer writer(String jobId) {
        String id = UUID.randomUUID().toString();
        mapper.insertPdf(id, jobId, clock.instant());
        return new Writer(id);
    }

    /**
     * Makes the PDF the job's own; when another execution of the step finished first, this one's copy is
     * deleted and theirs is kept. Returns whether this PDF was attached.
     */
    boolean attach(String jobId, Writer written) {
        if (mapper.attachToJob(jobId, written.id) == 1) {
            return true;
        }
        mapper.deletePdf(written.id);
        return false;
    }

    /** The job's PDF, if it has one still kept (not yet purged or not); its parts are read when the stream is read. */
    Stored stored(String jobId) {
        PdfMapper.StoredPdf pdf = mapper.findOfJob(jobId, clock.instant().minus(kept));
        return pdf == null ? null : new Stored(pdf.sizeBytes(), new Reader(pdf.id(), pdf.parts()));
    }

    /** A PDF in the database: its size and a stream of its bytes. */
    public record Stored(long size, InputStream content) {
    }

    /**
     * Deletes the PDFs of the establishment's (or every establishment's, uai null) jobs requested more than the kept
     * period ago. Each PDF is detached then deleted: one interrupted halfway is found again by the next purge.
     */
    void purge(String uai) {
        for (String id : mapper.findPdfsOfJobsBefore(uai, clock.instant().minus(kept))) {
            mapper.detachFromJobs(id);
            mapper.deletePdf(id);
        }
    }

    /** Every hour, on one node of the cluster: the PDFs of every establishment past the kept period. */
    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "${teleservices.notification.pdf-purge-every}")
    @SchedulerLock(name = "notification-pdf-purge", lockAtMostFor = "PT30M")
    public void purgeAll() {
        purge(null);
    }

    /** Buffers one part, then stores it: the PDF's bytes are in memory one part at a time. */
    final class Writer extends OutputStream {
        private final String id;
        private final byte[] buffer = new byte[PART_SIZE];
        private int filled;
        private int parts;
        private long size;
        private boolean closed;

        private Writer(String id) {
            this.id = id;
        }

        @Override
        public void write(int b) {
            if (filled == PART_SIZE) {
                storePart();
            }
            buffer[filled++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (filled == PART_SIZE) {
                    storePart();
                }
                int n = Math.min(len, PART_SIZE - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (filled > 0) {
                storePart();
            }
            mapper.setSize(id, size);
        }

        private void storePart() {
            mapper.insertPart(id, parts++, Arrays.copyOf(buffer, filled));
            size += filled;
            filled = 0;
        }
    }

    /** Reads the parts in order, each fetched when the previous one is used up. */
    private final class Reader extends InputStream {
        private final String id;
        private final int parts;
        private int next;
        private byte[] part = new byte[0];
        private int position;

        private Reader(String id, int parts) {
            this.id = id;
            this.parts = parts;
        }

        @Override
        public int read() throws IOException {
            return available() > 0 || fetch() ? part[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (available() == 0 && !fetch()) {
                return -1;
            }
            int n = Math.min(len, available());
            System.arraycopy(part, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return part.length - position;
        }

        private boolean fetch() throws IOException {
            while (next < parts) {
                PdfMapper.Part read = mapper.readPart(id, next++);
                if (read == null) {
                    throw new IOException("The PDF " + id + " was deleted while it was read (kept period over)");
                }
                byte[] bytes = read.bytes();
                part = bytes;
                position = 0;
                if (bytes.length > 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
