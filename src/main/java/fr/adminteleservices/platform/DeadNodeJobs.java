package fr.adminteleservices.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.UnlockJobCmd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Work of a node that died is taken up by the others within about a minute, not after Camunda's job lock
 * ({@code camunda.bpm.job-execution.lock-time-in-millis}, 5 minutes): a notification interrupted by a crash goes on.
 * <ul>
 *   <li>Each node's job executor locks its jobs in its own name: the node's id in {@code cluster_node}.</li>
 *   <li>Once per cluster (ShedLock), the jobs still locked by a node unseen for {@code dead-after} (its heartbeat
 *   beats every 5 s) are unlocked through Camunda's own command, so that any job executor acquires them at once;
 *   the dead node's row then leaves the registry, so that its jobs are looked for once, not at every heartbeat.</li>
 * </ul>
 * A node only paused (a long garbage collection) and not dead loses nothing: when it tries to finish the job, the
 * job's revision has changed and the engine rolls its work back (optimistic locking); the second execution is the
 * one that counts, and the steps it repeats are the ones already built to run twice (claims of the e-mails, the PDF).
 */
@Component
class DeadNodeJobs extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(DeadNodeJobs.class);

    private final ClusterMapper mapper;
    private final ClusterNodes nodes;
    private final Duration deadAfter;
    private final Clock clock = Clock.systemUTC();
    private ProcessEngineConfigurationImpl engine;

    DeadNodeJobs(ClusterMapper mapper, ClusterNodes nodes,
                 ClusterProperties cluster) {
        this.mapper = mapper;
        this.nodes = nodes;
        this.deadAfter = cluster.deadAfter();
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        this.engine = configuration;
        if (configuration.getJobExecutor() != null) {
            configuration.getJobExecutor().setLockOwner(nodes.nodeId());
        }
    }

    @Scheduled(initialDelayString = "${teleservices.cluster.heartbeat-every}",
            fixedDelayString = "${teleservices.cluster.heartbeat-every}")
    // at most dead-after: if the node holding this lock dies with it, another takes it over as soon as it takes the jobs
    @SchedulerLock(name = "dead-node-jobs", lockAtMostFor = "${teleservices.cluster.dead-after}")
    public void everyHeartbeat() {
        unlockJobsOfDeadNodes();
    }

    /** Unlocks the jobs of the nodes unseen for {@code dead-after}; returns how many. */
    int unlockJobsOfDeadNodes() {
        Instant deadBefore = clock.instant().minus(deadAfter);
        List<String> dead = mapper.findNodesUnseenSince(deadBefore);
        dead.remove(nodes.nodeId());
        if (dead.isEmpty() || engine == null) {
            return 0;
        }
        int unlocked = 0;
        for (String jobId : mapper.findJobsLockedBy(dead)) {
            try {
                engine.getCommandExecutorTxRequired().execute(new UnlockJobCmd(jobId));
                unlocked++;
            } catch (ProcessEngineException e) {
                // done or deleted meanwhile (the node was not dead after all, or the job ended): nothing to take up
                log.debug("Job {} of a node unseen for {} not unlocked: {}", jobId, deadAfter, e.getMessage());
            }
        }
        // Camunda has no index on the lock owner: each dead node costs one scan of the job table, then it is
        // forgotten (a node that only paused registers again at its next heartbeat)
        dead.forEach(node -> mapper.deleteNodeUnseenSince(node, deadBefore));
        if (unlocked > 0) {
            log.warn("{} job(s) of node(s) {} unseen for {} unlocked: the other nodes take them up now", unlocked, dead, deadAfter);
            if (engine.getJobExecutor() != null) {
                engine.getJobExecutor().jobWasAdded();
            }
        }
        return unlocked;
    }
}
