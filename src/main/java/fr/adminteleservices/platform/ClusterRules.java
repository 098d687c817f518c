package fr.adminteleservices.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rules follow the cluster: a reload on one node (or a node starting with a different {@code rules/})
 * writes a new release with the text of every DRL file; each node polls the latest release at its heartbeat,
 * compiles it and runs it, then reports its version in the node registry. As with {@code processes/}, the folder
 * of the node that reloads (or starts) last is the one in force: every node should hold the same folders.
 */
@Component
class ClusterRules {

    private static final Logger log = LoggerFactory.getLogger(ClusterRules.class);

    private final RuleBook rules;
    private final ClusterMapper mapper;
    private final ClusterNodes nodes;

    private final TransactionTemplate transaction;

    ClusterRules(RuleBook rules, ClusterMapper mapper, ClusterNodes nodes, PlatformTransactionManager transactions) {
        this.rules = rules;
        this.mapper = mapper;
        this.nodes = nodes;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** At start the node runs its folder's rules: they become (or are already) the latest release. */
    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        synchronized (rules) {
            rules.inForceAs(publish(rules.sources()));
        }
        follow();
    }

    /**
     * Writes the files as the latest release unless they are the latest already; returns its version. Two nodes
     * publishing at once: one insert wins the version number, the other publishes after it.
     */
    long publish(List<AnalystFolder.AnalystFile> files) {
        // the release and its files together (joining the caller's transaction, e.g. the reload's deployment)
        return transaction.execute(t -> publishInTransaction(files));
    }

    private long publishInTransaction(List<AnalystFolder.AnalystFile> files) {
        String fingerprint = fingerprint(files);
        for (int attempt = 0; ; attempt++) {
            ClusterMapper.Release latest = mapper.findLatestRelease();
            if (latest != null && latest.fingerprint().equals(fingerprint)) {
                return latest.version();
            }
            long version = latest == null ? 1 : latest.version() + 1;
            try {
                mapper.insertRelease(version, fingerprint, Instant.now(), nodes.nodeId());
            } catch (DuplicateKeyException taken) {
                if (attempt < 5) {
                    continue;
                }
                throw taken;
            }
            for (AnalystFolder.AnalystFile f : files) {
                mapper.insertReleaseFile(version, f.name(), new String(f.content(), StandardCharsets.UTF_8));
            }
            log.info("Rules release {} published by {}", version, nodes.nodeId());
            return version;
        }
    }

    /** At each heartbeat: runs the latest release if this node does not yet, then reports its version. */
    @Scheduled(initialDelayString = "${teleservices.cluster.heartbeat-every}",
            fixedDelayString = "${teleservices.cluster.heartbeat-every}")
    void follow() {
        ClusterMapper.Release latest = mapper.findLatestRelease();
        if (latest != null && latest.version() > rules.version()) {
            List<AnalystFolder.AnalystFile> files = mapper.findReleaseFiles(latest.version()).stream()
                    .map(f -> new AnalystFolder.AnalystFile(f.name(), f.content().getBytes(StandardCharsets.UTF_8))).toList();
            try {
                synchronized (rules) {
                    if (latest.version() > rules.version()) {
                        rules.prepare(files, "la version " + latest.version() + " des règles").apply(latest.version());
                    }
                }
            } catch (AnalystFileException e) {
                // compiled by the node that published it: only a different build of the application gets here
                log.error("Rules release {} does not compile on this node, the previous rules stay: {}", latest.version(), e.getMessage());
            }
        }
        nodes.beat(rules.version());
    }

    /**
     * Waits (at most {@code wait}) until every live node runs at least {@code version}; returns the live nodes as
     * they are then, each with its version.
     */
    List<ClusterNodes.Node> awaitNodes(long version, Duration wait) throws InterruptedException {
        nodes.beat(rules.version());
        long deadline = System.nanoTime() + wait.toNanos();
        List<ClusterNodes.Node> live = nodes.live();
        while (live.stream().anyMatch(n -> n.rulesVersion() < version) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            live = nodes.live();
        }
        return live;
    }

    private static String fingerprint(List<AnalystFolder.AnalystFile> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (AnalystFolder.AnalystFile f : files.stream().sorted(Comparator.comparing(AnalystFolder.AnalystFile::name)).toList()) {
                digest.update(f.name().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(f.content());
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
