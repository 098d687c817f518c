package fr.adminteleservices.establishment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface ChangeLogMapper {

    void insert(@Param("academyCode") String academyCode, @Param("uai") String uai, @Param("recordedAt") Instant recordedAt,
                @Param("recordedBy") String recordedBy, @Param("subject") String subject, @Param("detail") String detail,
                @Param("effectiveFrom") LocalDate effectiveFrom);

    List<Change> findByEstablishment(@Param("uai") String uai, @Param("limit") int limit);

    List<Change> findByAcademy(@Param("academyCode") String academyCode, @Param("limit") int limit);
}
