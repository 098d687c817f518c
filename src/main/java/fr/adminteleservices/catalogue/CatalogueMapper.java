package fr.adminteleservices.catalogue;

import java.util.List;
import java.util.Optional;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface CatalogueMapper {

    List<CatalogueService> findServices(@Param("academyCode") String academyCode);

    Optional<CatalogueService> findService(@Param("academyCode") String academyCode, @Param("code") String code);

    void insertService(@Param("academyCode") String academyCode, @Param("s") CatalogueService service);

    int updateService(@Param("academyCode") String academyCode, @Param("code") String code, @Param("open") boolean open,
                      @Param("mandatory") boolean mandatory, @Param("url") String url);

    int nextPosition(@Param("academyCode") String academyCode);

    List<Ent> findEnts(@Param("academyCode") String academyCode);

    Optional<Ent> findEnt(@Param("academyCode") String academyCode, @Param("id") long id);

    void insertEnt(@Param("academyCode") String academyCode, @Param("name") String name, @Param("url") String url);

    int removeEnt(@Param("academyCode") String academyCode, @Param("id") long id);

    String findTeleservicesUrl(@Param("academyCode") String academyCode);

    void updateTeleservicesUrl(@Param("academyCode") String academyCode, @Param("url") String url);
}
