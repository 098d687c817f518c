package fr.adminteleservices.students;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Read queries of the students feature; every one takes the establishment's UAI. */
@Mapper
interface StudentMapper {

    List<StudentSummary> students(@Param("uai") String uai, @Param("division") String division,
                                  @Param("mef") String mef, @Param("includeLeft") boolean includeLeft);

    StudentSummary student(@Param("uai") String uai, @Param("eleveId") String eleveId);

    List<GuardianView> guardians(@Param("uai") String uai, @Param("division") String division,
                                 @Param("mef") String mef, @Param("eleveId") String eleveId);

    List<Option> divisions(@Param("uai") String uai);

    List<Option> mefs(@Param("uai") String uai);

    Population population(@Param("uai") String uai);

    List<EstablishmentPopulation> populations(@Param("academyCode") String academyCode);

    record EstablishmentPopulation(String uai, int students, int studentsPresent, int guardians, int legalGuardians,
                                   int divisions) {
        Population population() {
            return new Population(students, studentsPresent, guardians, legalGuardians, divisions);
        }
    }

    record Option(String code, String label) {
    }
}
