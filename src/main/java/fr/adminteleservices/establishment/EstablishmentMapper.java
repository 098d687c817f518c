package fr.adminteleservices.establishment;

import java.util.List;
import java.util.Optional;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface EstablishmentMapper {

    Optional<Academy> findAcademy(@Param("code") String code);

    void insertAcademy(Academy academy);

    List<String> findAcademyCodes();

    void insertSchoolYear(SchoolYear year);

    void deleteSchoolYear(@Param("academyCode") String academyCode, @Param("startYear") int startYear);

    void clearCurrentSchoolYear(@Param("academyCode") String academyCode);

    Optional<SchoolYear> findCurrentSchoolYear(@Param("academyCode") String academyCode);

    EstablishmentRow findEstablishment(@Param("uai") String uai);

    List<EstablishmentRow> findEstablishments(@Param("academyCode") String academyCode);

    List<String> findEmails(@Param("uai") String uai);

    List<SiecleModule> findModules(@Param("uai") String uai);

    void insertEstablishment(Establishment establishment);

    void insertEmail(@Param("uai") String uai, @Param("position") int position, @Param("email") String email);

    void insertModule(@Param("uai") String uai, @Param("module") SiecleModule module);

    /** Flat row; e-mails and modules are read separately. */
    record EstablishmentRow(String uai, String academyCode, String name, EstablishmentKind kind,
                            String addressLine1, String addressLine2, String postalCode, String city, String headName) {
    }
}
