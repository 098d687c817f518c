package fr.adminteleservices.siecle;

import fr.adminteleservices.siecle.ImportRows.DivisionRow;
import fr.adminteleservices.siecle.ImportRows.GuardianRow;
import fr.adminteleservices.siecle.ImportRows.IdKey;
import fr.adminteleservices.siecle.ImportRows.ImportRow;
import fr.adminteleservices.siecle.ImportRows.LinkRow;
import fr.adminteleservices.siecle.ImportRows.MefRow;
import fr.adminteleservices.siecle.ImportRows.StudentRow;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.session.ResultHandler;

/** The import's SQL; every statement is scoped to one establishment's UAI. */
@Mapper
interface SiecleImportMapper {

    String lockEstablishment(@Param("uai") String uai);

    List<MefRow> mefs(@Param("uai") String uai);

    void insertMef(@Param("uai") String uai, @Param("m") MefRow mef);

    void updateMef(@Param("uai") String uai, @Param("m") MefRow mef);

    void deleteSubjects(@Param("uai") String uai);

    void insertSubject(@Param("uai") String uai, @Param("s") ImportRows.SubjectRow subject);

    void deleteProgrammes(@Param("uai") String uai);

    void insertProgramme(@Param("uai") String uai, @Param("p") ImportRows.ProgrammeRow programme);

    void setOptionRank(@Param("uai") String uai, @Param("mefCode") String mefCode, @Param("subjectCode") String subjectCode,
                       @Param("rank") int rank);

    List<DivisionRow> divisions(@Param("uai") String uai);

    void insertDivision(@Param("uai") String uai, @Param("d") DivisionRow division);

    void updateDivision(@Param("uai") String uai, @Param("d") DivisionRow division);

    /** Streams the establishment's students (the import keeps fingerprints, not rows). */
    void students(@Param("uai") String uai, ResultHandler<StudentRow> handler);

    void insertStudent(StudentRow student);

    void updateStudent(StudentRow student);

    void markStudentLeft(@Param("uai") String uai, @Param("id") long id, @Param("on") LocalDate on);

    List<IdKey> studentIds(@Param("uai") String uai);

    /** Streams the establishment's guardians (the import keeps fingerprints, not rows). */
    void guardians(@Param("uai") String uai, ResultHandler<GuardianRow> handler);

    void insertGuardian(GuardianRow guardian);

    void updateGuardian(GuardianRow guardian);

    List<IdKey> guardianIds(@Param("uai") String uai);

    List<LinkRow> links(@Param("uai") String uai);

    void insertLink(LinkRow link);

    void updateLink(LinkRow link);

    void endLink(@Param("uai") String uai, @Param("id") long id, @Param("on") LocalDate on);

    void markGuardianLeft(@Param("uai") String uai, @Param("id") long id, @Param("on") LocalDate on);

    void insertImport(ImportRow row);

    void insertRejection(@Param("importId") String importId, @Param("file") String file,
                         @Param("record") String record, @Param("reason") String reason);

    ImportRow findImport(@Param("uai") String uai, @Param("id") String id);

    List<ImportReport.Rejection> findRejections(@Param("importId") String importId);

    List<ImportRow> recentImports(@Param("uai") String uai, @Param("limit") int limit);

    Integer currentSchoolYear(@Param("uai") String uai);

    ImportRows.NomenclatureCounts nomenclatureCounts(@Param("uai") String uai);

    List<String> establishmentsWithDueExits(@Param("today") LocalDate today);

    int leaveOnPlannedExit(@Param("uai") String uai, @Param("today") LocalDate today);

    LocalDate lastExportDate(@Param("uai") String uai);

    List<ImportRows.IneHeldElsewhere> inesHeldElsewhere(@Param("uai") String uai);

    List<ImportReport.RemovedOption> teleinscriptionOptions(@Param("uai") String uai);

    boolean enrolmentWindowOpen(@Param("uai") String uai, @Param("today") LocalDate today);

    int countPresentStudents(@Param("uai") String uai);

    int countActiveLinks(@Param("uai") String uai);

    List<ImportReport.Departure> presentStudents(@Param("uai") String uai);

    // the guard's pending imports

    void insertPending(ImportRows.PendingRow row);

    void insertPendingFile(@Param("importId") String importId, @Param("name") String name, @Param("content") byte[] content);

    void insertDeparture(@Param("importId") String importId, @Param("d") ImportReport.Departure departure);

    void insertOptionRemoval(@Param("importId") String importId, @Param("o") ImportReport.RemovedOption option);

    List<ImportReport.RemovedOption> optionRemovals(@Param("importId") String importId);

    ImportRows.PendingRow findPending(@Param("uai") String uai, @Param("id") String id);

    ImportRows.PendingRow findPendingById(@Param("id") String id);

    List<ImportRows.PendingRow> awaitingConfirmation(@Param("uai") String uai);

    List<ImportRows.PendingFile> pendingFiles(@Param("importId") String importId);

    List<ImportReport.Departure> departures(@Param("importId") String importId);

    int decidePending(@Param("id") String id, @Param("state") String state, @Param("by") String by,
                      @Param("at") java.time.Instant at);

    void deletePendingFiles(@Param("importId") String importId);

    // what the import did to codes

    void insertCodeEffect(@Param("importId") String importId, @Param("e") CodeEffects.Effect effect);

    List<ImportRows.CodeEffectRow> codeEffects(@Param("importId") String importId);

    // one import at a time per establishment (own short transactions)

    int claimImport(@Param("uai") String uai, @Param("owner") String owner, @Param("now") java.time.Instant now);

    int takeOverStaleClaim(@Param("uai") String uai, @Param("owner") String owner, @Param("now") java.time.Instant now,
                           @Param("staleBefore") java.time.Instant staleBefore);

    void releaseClaim(@Param("uai") String uai, @Param("owner") String owner);
}
