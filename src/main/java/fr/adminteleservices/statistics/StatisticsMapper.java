package fr.adminteleservices.statistics;

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

    List<AccessCount> accessesByMonth(@Param("uai") String uai, @Param("academy") String academy, @Param("period") Period period,
                                      @Param("months") List<Period.Month> months);

    List<AccessCount> accessesByMefStat(@Param("uai") String uai, @Param("academy") String academy, @Param("period") Period period);

    List<MefStatLabel> mefStatLabels(@Param("uai") String uai, @Param("academy") String academy);

    record StudentCodeCounts(String uai, String name, String mef, String mefLabel, String division, int students, int refusals,
                             int notifiedCodes, int accountsCreated, int accountsCreatedThisYear) {
    }

    record GuardianCodeCounts(String uai, String name, String mef, String mefLabel, String division, int students, int guardians,
                              int refusals, int notifiedCodes, int notifiedCodesThisYear, int accountsCreated,
                              int accountsCreatedThisYear, int studentsWithGuardianAccount) {
    }

    /** Page views in one bucket (a month's index, or a MEFSTAT) for one service and one kind of holder. */
    record AccessCount(String bucket, String service, String holder, long accesses) {
    }

    record MefStatLabel(String mefstat, String label) {
    }
}
