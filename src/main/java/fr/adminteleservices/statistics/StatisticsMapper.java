package fr.adminteleservices.statistics;

import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The counts of §6, computed by SQL; {@code by} is ESTABLISHMENT, STRUCTURE (MEF and division) or ACADEMY. */
@Mapper
interface StatisticsMapper {

    List<StudentCodeCounts> studentCodes(@Param("by") String by, @Param("uai") String uai, @Param("academy") String academy,
                                         @Param("period") Period period);

    List<GuardianCodeCounts> guardianCodes(@Param("by") String by, @Param("uai") String uai, @Param("academy") String academy,
                                           @Param("period") Period period);

    /** « Parcours des comptes »: {@code holder} is GUARDIAN (couples and their CAR) or STUDENT (students and their CAE). */
    List<FunnelCounts> funnel(@Param("holder") String holder, @Param("by") String by, @Param("uai") String uai,
                              @Param("academy") String academy, @Param("period") Period period);

    List<DayCount> accessesByDay(@Param("uai") String uai, @Param("academy") String academy, @Param("period") Period period);

    List<AccessCount> accessesByMefStat(@Param("uai") String uai, @Param("academy") String academy, @Param("period") Period period);

    List<MefStatLabel> mefStatLabels(@Param("uai") String uai, @Param("academy") String academy);

    record StudentCodeCounts(String uai, String name, String mef, String mefLabel, String division, int students, int refusals,
                             int notifiedCodes, int accountsCreated, int accountsCreatedThisYear) {
    }

    record GuardianCodeCounts(String uai, String name, String mef, String mefLabel, String division, int students, int guardians,
                              int refusals, int notifiedCodes, int notifiedCodesThisYear, int accountsCreated,
                              int accountsCreatedThisYear, int studentsWithGuardianAccount) {
    }

    record FunnelCounts(String uai, String name, String mef, String mefLabel, String division, int population,
                        int refusals, int withoutCode, int notNotified, int notifiedWithoutAccount, int provisional,
                        int confirmationExpired, int confirmed) {
    }

    /** Page views of one MEFSTAT ('' when unknown) for one service and one kind of holder. */
    record AccessCount(String bucket, String service, String holder, long accesses) {
    }

    /** Page views of one day (in Paris) for one service and one kind of holder. */
    record DayCount(LocalDate consultedOn, String service, String holder, long accesses) {
    }

    record MefStatLabel(String mefstat, String label) {
    }
}
