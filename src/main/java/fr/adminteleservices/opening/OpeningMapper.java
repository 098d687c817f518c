package fr.adminteleservices.opening;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface OpeningMapper {

    Instant findDeclaredAt(@Param("uai") String uai);

    int declare(@Param("uai") String uai, @Param("at") Instant at, @Param("by") String by);

    List<String> findOpenCodes(@Param("uai") String uai);

    int updateState(@Param("uai") String uai, @Param("code") String code, @Param("open") boolean open,
                    @Param("at") Instant at, @Param("by") String by);

    void insertState(@Param("uai") String uai, @Param("code") String code, @Param("open") boolean open,
                     @Param("at") Instant at, @Param("by") String by);

    List<String> findDeclaredEstablishments(@Param("academyCode") String academyCode);

    List<String> findEstablishmentsWithOpenServices(@Param("academyCode") String academyCode);

    int closeAll(@Param("academyCode") String academyCode, @Param("at") Instant at, @Param("by") String by);
}
