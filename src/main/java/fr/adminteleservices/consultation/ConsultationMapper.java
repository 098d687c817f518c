package fr.adminteleservices.consultation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/**
 * The portal reads the téléservices side (ts_*), bounded to one child; the administrative side is
 * written here only for what SIECLE Notes, Absences and LPC would provide (demo data, tests).
 */
@Mapper
interface ConsultationMapper {

    // ------------------------------------------------------------------ téléservices side (the portal)

    /**
     * The child and what decides visibility for one service (settings, the division's due date, the service's
     * state), or null unless the account reaches the child (AccountMapper.xml's reaches, as Accounts#reaches).
     */
    ChildRow findReachedChild(@Param("accountId") long accountId, @Param("uai") String uai,
                              @Param("studentId") long studentId, @Param("service") String service);

    record ChildRow(long id, String uai, String firstName, String lastName, String divisionCode, String mefstat,
                    boolean nationalServicesRefused, String establishmentName, String notesMode, Integer lpcDelayDays,
                    LocalDate divisionDueOn, boolean serviceOpen, String copyStamp) {
    }

    List<GradeRow> findGrades(@Param("uai") String uai, @Param("studentId") long studentId);

    record GradeRow(long assessmentId, String subject, String title, LocalDate heldOn, LocalDate publishedOn, int scale,
                    BigDecimal coefficient, BigDecimal grade, String mark) {
    }

    List<AbsenceRow> findAbsences(@Param("uai") String uai, @Param("studentId") long studentId);

    record AbsenceRow(long id, LocalDate absentOn, String halfDay, int hours, boolean justified, String reason) {
    }

    List<LpcRow> findLpcValidations(@Param("uai") String uai, @Param("studentId") long studentId);

    record LpcRow(long id, String competence, String item, LocalDate validatedOn) {
    }

    /** Page views of the portal, written in batches by {@link ViewLog}. */
    void insertLogs(@Param("views") List<ViewLog.View> views);

    /** {@code views} more in the day's count of the access statistics ({@code consultation_count}). */
    void countViews(@Param("uai") String uai, @Param("day") LocalDate day, @Param("service") String service,
                    @Param("holder") String holder, @Param("mefstat") String mefstat, @Param("views") int views);

    // ------------------------------------------------------------------ administrative side (SIECLE Notes, Absences, LPC)

    void insertAssessment(AssessmentInsert row);

    class AssessmentInsert {
        public Long id;
        public String uai;
        public String structureCode;
        public String subject;
        public String title;
        public LocalDate heldOn;
        public LocalDate publishedOn;
        public int scale;
        public BigDecimal coefficient;
    }

    int insertGrades(@Param("uai") String uai, @Param("assessmentId") long assessmentId,
                     @Param("rows") List<SchoolRecords.Result> rows);

    int insertAbsences(@Param("uai") String uai, @Param("rows") List<SchoolRecords.Absence> rows);

    int insertLpcValidations(@Param("uai") String uai, @Param("rows") List<SchoolRecords.LpcValidation> rows);

    /** Of the ids given, those of students of this establishment (the records of another one are refused). */
    List<Long> findStudentIdsOf(@Param("uai") String uai, @Param("ids") List<Long> ids);

    int countAssessments(@Param("uai") String uai);

    /** Students present in the establishment, with their division and MEF, for the demo's sample. */
    List<SampleStudent> findPresentStudents(@Param("uai") String uai);

    record SampleStudent(long id, String divisionCode, String mefCode, String mefstat) {
    }
}
