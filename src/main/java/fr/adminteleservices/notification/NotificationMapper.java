package fr.adminteleservices.notification;

import fr.adminteleservices.codes.CodeKind;
import fr.adminteleservices.notification.letters.Letter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.cursor.Cursor;

@Mapper
interface NotificationMapper {

    // --- who may be notified (the lists of §4.2 and §5.1, and the population of a job) ---

    List<NotifiableCouple> findGuardianCandidates(@Param("uai") String uai, @Param("f") Selection selection);

    List<NotifiableStudent> findStudentCandidates(@Param("uai") String uai, @Param("f") Selection selection);

    /** The filters of a notification; {@code linkIds} / {@code studentIds} restrict it to some couples or students. */
    record Selection(boolean onlyNotNotified, String division, String mef, Collection<Long> linkIds,
                     Collection<Long> studentIds, LocalDate today) {
    }


    Long findStudentId(@Param("uai") String uai, @Param("eleveId") String eleveId);

    int countLink(@Param("uai") String uai, @Param("linkId") long linkId);

    // --- jobs ---

    void insertJob(@Param("j") NewJob job);

    class NewJob {
        public String id;
        public String uai;
        public CodeKind kind;
        public String requestedBy;
        public Instant requestedAt;
        public boolean emailRequested;
        public boolean paperRequested;
        public boolean onlyNotNotified;
        public String division;
        public String mef;
        public int total;
    }

    void insertItems(@Param("jobId") String jobId, @Param("items") List<NewItem> items);

    record NewItem(int position, long codeId, Long linkId, long studentId) {
    }

    JobRow findJob(@Param("id") String id);

    record JobRow(String id, String uai, CodeKind kind, String requestedBy, Instant requestedAt, boolean emailRequested,
                  boolean paperRequested, boolean onlyNotNotified, String divisionFilter, String mefFilter, JobState state,
                  int total, int lettersRendered, String pdfId, Instant finishedAt, String failure) {
    }

    List<JobRow> findRecentJobs(@Param("uai") String uai, @Param("kind") CodeKind kind, @Param("limit") int limit);

    List<StateCount> countItems(@Param("jobId") String jobId);

    /** Items by state; {@code decision}, the channel, only for the decided ones. */
    record StateCount(ItemState state, Channel decision, int items) {
    }

    List<SkippedItem> findSkipped(@Param("jobId") String jobId);

    record SkippedItem(ItemState state, Long linkId, String eleveId, String studentName, String guardianName, String reason) {
    }

    void setLettersRendered(@Param("id") String id, @Param("count") int count);

    void finishJob(@Param("id") String id, @Param("state") JobState state, @Param("at") Instant at, @Param("failure") String failure);

    // --- deciding ---

    List<GuardianItem> findGuardianItemsToDecide(@Param("jobId") String jobId, @Param("limit") int limit);

    record GuardianItem(long id, long codeId, long linkId, String email, LocalDate continuityOn, boolean codeValid,
                        boolean continuitySent) {
    }

    List<StudentItem> findStudentItemsToDecide(@Param("jobId") String jobId, @Param("limit") int limit);

    record StudentItem(long id, long codeId, long studentId, LocalDate birthDate, LocalDate continuityOn, boolean codeValid,
                       boolean continuitySent, boolean refused) {
    }

    /** Legal guardians 1 and 2 of these students, with the state of their CAR (rule cae-ordering). */
    List<GuardianState> findLegalGuardians(@Param("studentIds") Collection<Long> studentIds);

    record GuardianState(long studentId, String civility, String lastName, String firstName, boolean validCar,
                         boolean refused, boolean notified) {
    }

    /** Pending items are decided alike: their channel (e-mail or paper), their letter, and the rule's reason. */
    void decideItems(@Param("ids") List<Long> ids, @Param("decision") Channel decision, @Param("variant") Letter.Variant variant,
                     @Param("reason") String reason);

    /** Pending items are not notified, with the reason. */
    void skipItems(@Param("ids") List<Long> ids, @Param("reason") String reason);

    int countItemsToDecide(@Param("jobId") String jobId);

    // --- letters and e-mails ---

    /** The couples' letters of the job (paper items), in the order of the list; codes still valid only. */
    Cursor<LetterRow> streamGuardianLetters(@Param("jobId") String jobId);

    Cursor<LetterRow> streamStudentLetters(@Param("jobId") String jobId);

    /** One item's letter (an e-mail being composed). */
    LetterRow findGuardianLetter(@Param("itemId") long itemId);

    record LetterRow(long itemId, String jobId, String variant, boolean codeValid, String encryptedValue, LocalDate validFrom,
                     String eleveId, String studentLastName, String studentFirstName, String division, String personneId,
                     String civility, String guardianLastName, String guardianFirstName, String email,
                     String addressLine1, String addressLine2, String addressLine3, String addressLine4,
                     String postalCode, String city, String country) {
    }

    /** Paper items whose code was invalidated since the decision: no letter for them. */
    int skipInvalidPaperItems(@Param("jobId") String jobId, @Param("kind") CodeKind kind, @Param("reason") String reason);

    /** Locks the job's paper items still to record, until the transaction ends; returns their codes. */
    List<Long> lockPaperCodes(@Param("jobId") String jobId);

    /** After the PDF is written: the record of each letter, then the items printed. */
    int recordPaperNotifications(@Param("jobId") String jobId, @Param("at") Instant at);

    int markPrinted(@Param("jobId") String jobId);

    // --- one e-mail sent or abandoned (reference = item id) ---

    int markItemEmailed(@Param("itemId") long itemId);

    int recordEmailNotification(@Param("itemId") long itemId, @Param("at") Instant at, @Param("recipient") String recipient);

    long findCodeOfItem(@Param("itemId") long itemId);

    int failItem(@Param("itemId") long itemId, @Param("reason") String reason);

    /** Items waiting for an e-mail while the job stopped (incident): shown as such in the summary. */
    int countWaitingEmails(@Param("jobId") String jobId);

    // --- history of a code's notifications ---

    /** The notifications of every code of a couple (CAR) or a student (CAE), newest first. */
    List<NotificationRecord> findNotificationsOfCouple(@Param("uai") String uai, @Param("linkId") long linkId);

    List<NotificationRecord> findNotificationsOfStudent(@Param("uai") String uai, @Param("eleveId") String eleveId);

    record NotificationRecord(long codeId, Instant notifiedAt, String notifiedBy, String channel, String variant, String recipient) {
    }
}
