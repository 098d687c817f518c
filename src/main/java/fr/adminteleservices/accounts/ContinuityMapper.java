package fr.adminteleservices.accounts;

import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** SQL of continuity of access, G7 (ContinuityMapper.xml). */
@Mapper
interface ContinuityMapper {

    /** Students of the establishment whose student account (elsewhere in the académie, same INE) does not reach them here yet. */
    List<StudentContinuity> findStudentAccounts(@Param("uai") String uai, @Param("today") LocalDate today);

    record StudentContinuity(long accountId, long studentId, long codeId) {
    }

    /** Couples of the establishment whose guardian (same names) had an account for the same student (same INE) elsewhere. */
    List<GuardianContinuity> findGuardianAccounts(@Param("uai") String uai, @Param("today") LocalDate today);

    record GuardianContinuity(long accountId, long linkId, long studentId) {
    }

    Long findValidCar(@Param("linkId") long linkId);
}
