package fr.adminteleservices.platform;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The node registry (cluster_node) and the releases of the rules (rules_release, rules_release_file). */
@Mapper
interface ClusterMapper {

    int touchNode(@Param("nodeId") String nodeId, @Param("at") Instant at, @Param("rulesVersion") long rulesVersion);

    void insertNode(@Param("nodeId") String nodeId, @Param("at") Instant at, @Param("rulesVersion") long rulesVersion);

    void deleteNodesUnseenSince(@Param("before") Instant before);

    List<ClusterNodes.Node> findNodesSeenSince(@Param("since") Instant since);

    /** The ids of the nodes whose last heartbeat is older than {@code before}. */
    List<String> findNodesUnseenSince(@Param("before") Instant before);

    /** Forgets a node still unseen since {@code before} (one that beat again meanwhile stays). */
    int deleteNodeUnseenSince(@Param("nodeId") String nodeId, @Param("before") Instant before);

    /** The jobs these nodes' job executors hold locked (Camunda's own table, read only). */
    List<String> findJobsLockedBy(@Param("owners") List<String> owners);

    void createJobAcquisitionIndex();

    /** The latest release, null before the first. */
    Release findLatestRelease();

    record Release(long version, String fingerprint) {
    }

    void insertRelease(@Param("version") long version, @Param("fingerprint") String fingerprint, @Param("at") Instant at,
                       @Param("by") String by);

    void insertReleaseFile(@Param("version") long version, @Param("name") String name, @Param("content") String content);

    List<ReleaseFile> findReleaseFiles(@Param("version") long version);

    record ReleaseFile(String name, String content) {
    }
}
