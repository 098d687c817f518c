package fr.adminteleservices.settings;

import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface SettingsMapper {

    /** The newest version, whether in force or still to come. */
    Version findLatest(@Param("uai") String uai);

    /** The version in force on that day. */
    Version findInForce(@Param("uai") String uai, @Param("day") LocalDate day);

    Version findVersion(@Param("uai") String uai, @Param("effectiveFrom") LocalDate effectiveFrom);

    List<UsefulLink> findLinks(@Param("settingsId") long settingsId);

    List<DueDate> findDueDates(@Param("settingsId") long settingsId);

    void insertVersion(Version version);

    void updateVersion(Version version);

    void deleteLinks(@Param("settingsId") long settingsId);

    void insertLink(@Param("settingsId") long settingsId, @Param("position") int position, @Param("link") UsefulLink link);

    void deleteDueDates(@Param("settingsId") long settingsId);

    void insertDueDate(@Param("settingsId") long settingsId, @Param("dueDate") DueDate dueDate);

    /** The establishment's divisions and their MEF: due dates are set per division. */
    List<DueDate> findDivisions(@Param("uai") String uai);

    /** The establishment's MEFs as SIECLE names them (edition label, else the long label), by code. */
    List<MefLabel> findMefLabels(@Param("uai") String uai);

    record MefLabel(String code, String label) {
    }

    /** One row of establishment_settings; {@code id} is set on insert. */
    class Version {
        public Long id;
        public String uai;
        public LocalDate effectiveFrom;
        public String welcomeMessage;
        public LetterType letterType;
        public Long entId;
        public String contactEmail;
        public boolean contactActive;
        public PublicationMode notesMode;
        public int lpcDelayDays;
    }
}
