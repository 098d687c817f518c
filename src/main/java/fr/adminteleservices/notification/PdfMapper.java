package fr.adminteleservices.notification;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The notification PDFs kept in the database, part by part (see {@link NotificationPdfs}). */
@Mapper
interface PdfMapper {

    void insertPdf(@Param("id") String id, @Param("jobId") String jobId, @Param("writtenAt") Instant writtenAt);

    void insertPart(@Param("pdfId") String pdfId, @Param("partNo") int partNo, @Param("bytes") byte[] bytes);

    void setSize(@Param("id") String id, @Param("size") long size);

    /** The job's finished PDF, if the job was requested since {@code since}: its id, size and number of parts. */
    StoredPdf findOfJob(@Param("jobId") String jobId, @Param("since") Instant since);

    record StoredPdf(String id, long sizeBytes, int parts) {
    }

    /** One part; null when the PDF was deleted meanwhile. */
    Part readPart(@Param("pdfId") String pdfId, @Param("partNo") int partNo);

    /** A part's bytes (a record: MyBatis would read a byte[] result as a list of rows). */
    record Part(byte[] bytes) {
    }

    /** Names the job's PDF, unless another execution of the step named one first; 1 when named. */
    int attachToJob(@Param("jobId") String jobId, @Param("pdfId") String pdfId);

    /** The PDFs of jobs requested before {@code before} (of one establishment, or of all when uai is null). */
    List<String> findPdfsOfJobsBefore(@Param("uai") String uai, @Param("before") Instant before);

    void detachFromJobs(@Param("pdfId") String pdfId);

    /** Deletes the PDF and, by the foreign key's cascade, its parts. */
    void deletePdf(@Param("pdfId") String pdfId);
}
