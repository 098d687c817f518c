package fr.adminteleservices.statistics;

import java.time.Instant;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The académie's last computed syntheses ({@link AcademyFigures}), one row per académie and kind. */
@Mapper
interface AcademySnapshotMapper {

    Snapshot find(@Param("academy") String academy, @Param("kind") String kind);

    /** Inserts or replaces: two nodes computing the same kind at once leave the later figures. */
    void save(@Param("academy") String academy, @Param("kind") String kind, @Param("computedAt") Instant computedAt,
              @Param("tookMs") long tookMs, @Param("figures") String figures);

    record Snapshot(Instant computedAt, long tookMs, String figures) {
    }
}
