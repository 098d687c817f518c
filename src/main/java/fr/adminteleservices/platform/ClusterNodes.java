package fr.adminteleservices.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The node registry: every node writes its row of {@code cluster_node} (node id, rules version, last seen) at
 * each heartbeat ({@code teleservices.cluster.heartbeat-every}, 5 s); a node unseen for three heartbeats is
 * gone, and its row is deleted after a day. Real time, not the engine's clock that tests move.
 */
@Component
public class ClusterNodes {

    private final ClusterMapper mapper;
    private final String nodeId;
    private final Duration heartbeat;
    private final Clock clock = Clock.systemUTC();

    @Autowired
    ClusterNodes(ClusterMapper mapper, ClusterProperties cluster) {
        this(mapper, cluster.nodeId(), cluster.heartbeatEvery());
    }

    ClusterNodes(ClusterMapper mapper, String nodeId, Duration heartbeat) {
        this.mapper = mapper;
        this.nodeId = nodeId.isBlank() ? defaultId() : nodeId;
        this.heartbeat = heartbeat;
    }

    /** One node as the reload reports it. */
    public record Node(String nodeId, long rulesVersion, Instant startedAt, Instant lastSeen) {
    }

    public String nodeId() {
        return nodeId;
    }

    Duration heartbeat() {
        return heartbeat;
    }

    /**
     * Synchronized: the heartbeat and a reload's wait may beat at once, and two first beats that both found no row
     * both inserted it (a start failed on the duplicate key). Only this node writes its row, so one lock suffices.
     */
    synchronized void beat(long rulesVersion) {
        Instant now = clock.instant();
        if (mapper.touchNode(nodeId, now, rulesVersion) == 0) {
            mapper.insertNode(nodeId, now, rulesVersion);
        }
        mapper.deleteNodesUnseenSince(now.minus(Duration.ofDays(1)));
    }

    /** The nodes seen within the last three heartbeats (this one included once it has beaten). */
    public List<Node> live() {
        return mapper.findNodesSeenSince(clock.instant().minus(heartbeat.multipliedBy(3)));
    }

    /** The host name (a container's id under compose), the process and a random part: two nodes never share one. */
    private static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return host + ":" + ProcessHandle.current().pid() + ":" + HexFormat.of().formatHex(random);
    }
}
