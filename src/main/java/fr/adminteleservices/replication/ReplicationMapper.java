package fr.adminteleservices.replication;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/**
 * Set-based statements, one establishment at a time. The small tables (establishment, services, settings) are
 * replaced; the big ones are merged: {@code drop…Gone} deletes what their source no longer holds, {@code copy…}
 * inserts or updates the rest in a single INSERT … SELECT … ON DUPLICATE KEY UPDATE.
 */
@Mapper
interface ReplicationMapper {

    List<String> findEstablishments();

    /** Serialises two replications of the same establishment (nightly timer and a manual run, or two nodes). */
    String lockEstablishment(@Param("uai") String uai);

    boolean isDeclared(@Param("uai") String uai);

    void clearGuardianCodes(@Param("uai") String uai);

    void clearStudentCodes(@Param("uai") String uai);

    void clearLinks(@Param("uai") String uai);

    void clearGuardians(@Param("uai") String uai);

    void clearStudents(@Param("uai") String uai);

    void clearServices(@Param("uai") String uai);

    void clearUsefulLinks(@Param("uai") String uai);

    void clearDueDates(@Param("uai") String uai);

    void clearSettings(@Param("uai") String uai);

    void clearEstablishment(@Param("uai") String uai);

    /** {@code stamp}: unique to this copy; the portal's page cache keys on it. */
    int copyEstablishment(@Param("uai") String uai, @Param("at") Instant at, @Param("stamp") String stamp);

    int copyServices(@Param("uai") String uai);

    int copySettings(@Param("uai") String uai, @Param("asOf") LocalDate asOf);

    int copyDefaultSettings(@Param("uai") String uai, @Param("asOf") LocalDate asOf, @Param("letterType") String letterType,
                            @Param("notesMode") String notesMode, @Param("lpcDelayDays") int lpcDelayDays);

    int copyUsefulLinks(@Param("uai") String uai, @Param("asOf") LocalDate asOf);

    int copyDueDates(@Param("uai") String uai, @Param("asOf") LocalDate asOf);

    /** Students, guardians, links and valid codes merged, each table after those its source joins (see the XML). */
    default void mergeFamilies(String uai, LocalDate asOf) {
        dropStudentsGone(uai, asOf);
        copyStudents(uai, asOf);
        dropGuardiansGone(uai, asOf);
        copyGuardians(uai, asOf);
        dropLinksGone(uai, asOf);
        copyLinks(uai, asOf);
        dropGuardianCodesGone(uai);
        copyGuardianCodes(uai);
        dropStudentCodesGone(uai);
        copyStudentCodes(uai);
    }

    void dropStudentsGone(@Param("uai") String uai, @Param("asOf") LocalDate asOf);

    void copyStudents(@Param("uai") String uai, @Param("asOf") LocalDate asOf);

    void dropGuardiansGone(@Param("uai") String uai, @Param("asOf") LocalDate asOf);

    void copyGuardians(@Param("uai") String uai, @Param("asOf") LocalDate asOf);

    void dropLinksGone(@Param("uai") String uai, @Param("asOf") LocalDate asOf);

    void copyLinks(@Param("uai") String uai, @Param("asOf") LocalDate asOf);

    void dropGuardianCodesGone(@Param("uai") String uai);

    void copyGuardianCodes(@Param("uai") String uai);

    void dropStudentCodesGone(@Param("uai") String uai);

    void copyStudentCodes(@Param("uai") String uai);

    /** What the téléservices side holds of the establishment once merged. */
    CopyCounts countCopies(@Param("uai") String uai);

    record CopyCounts(int students, int guardians, int links, int codes) {
    }

    // ------------------------------------------------------------------ consultation (V8)

    /** Empties ts_assessment_grade, ts_assessment, ts_absence and ts_lpc_validation of the establishment. */
    default void clearConsultationRecords(String uai) {
        clearAssessmentGrades(uai);
        clearAssessments(uai);
        clearAbsences(uai);
        clearLpcValidations(uai);
    }

    void clearAssessmentGrades(@Param("uai") String uai);

    void clearAssessments(@Param("uai") String uai);

    void clearAbsences(@Param("uai") String uai);

    void clearLpcValidations(@Param("uai") String uai);

    /** Assessments, grades, absences and LPC validations merged, after the students (their sources join ts_student). */
    default void mergeConsultationRecords(String uai) {
        dropAssessmentsGone(uai);
        copyAssessments(uai);
        dropAssessmentGradesGone(uai);
        copyAssessmentGrades(uai);
        dropAbsencesGone(uai);
        copyAbsences(uai);
        dropLpcValidationsGone(uai);
        copyLpcValidations(uai);
    }

    void dropAssessmentsGone(@Param("uai") String uai);

    void copyAssessments(@Param("uai") String uai);

    void dropAssessmentGradesGone(@Param("uai") String uai);

    void copyAssessmentGrades(@Param("uai") String uai);

    void dropAbsencesGone(@Param("uai") String uai);

    void copyAbsences(@Param("uai") String uai);

    void dropLpcValidationsGone(@Param("uai") String uai);

    void copyLpcValidations(@Param("uai") String uai);

    // ------------------------------------------------------------------ end of consultation

    void insertRun(RunRow row);

    /** Takes the cluster's replication lock when free or when its lease ran out; 1 when taken. */
    int acquireLock(@Param("owner") String owner, @Param("now") Instant now, @Param("until") Instant until);

    int renewLock(@Param("owner") String owner, @Param("until") Instant until);

    void setLockedRun(@Param("owner") String owner, @Param("runId") long runId);

    void releaseLock(@Param("owner") String owner);

    /** The run holding the lock, if its lease runs. */
    ReplicationRun findLockedRun(@Param("now") Instant now);

    void progressRun(@Param("id") long id);

    void finishRun(RunRow row);

    ReplicationRun findRun(@Param("id") long id);

    ReplicationRun findRunOfProcess(@Param("processInstanceId") String processInstanceId);

    List<ReplicationRun> findRecentRuns(@Param("limit") int limit);

    class RunRow {
        public Long id;
        public String processInstanceId;
        public Instant startedAt;
        public Instant finishedAt;
        public String startedBy;
        public LocalDate asOf;
        public int establishments;
        public int students;
        public int guardians;
        public int links;
        public int services;
        public int codes;
        public Long durationMs;
        public int establishmentsTotal;
    }
}
