package fr.adminteleservices.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Issue 18, section 1, on H2 and MariaDB: the work of several nodes on one database. A second node is built by
 * hand beside the context's (its own lock provider, rule book and registry row), as a later two-JVM test would
 * run it as a process.
 */
abstract class ClusterContract {

    @Autowired
    DataSource dataSource;
    @Autowired
    LockProvider lockProvider;
    @Autowired
    ApplicationContext context;
    @Autowired
    RuleBook rules;
    @Autowired
    ClusterRules clusterRules;
    @Autowired
    ClusterNodes nodes;
    @Autowired
    ClusterMapper mapper;
    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DeadNodeJobs deadNodeJobs;
    @Autowired
    org.camunda.bpm.engine.ProcessEngine engine;

    /** Issue 18 §3: Camunda's job acquisition reads the jobs due through an index, not every timer of the lifecycles. */
    @Test
    void theJobsDueAreFoundThroughAnIndex() throws Exception {
        try (var connection = dataSource.getConnection();
             var indexes = connection.getMetaData().getIndexInfo(connection.getCatalog(), null, "ACT_RU_JOB", false, false)) {
            java.util.Set<String> columns = new java.util.HashSet<>();
            while (indexes.next()) {
                if ("ACT_IDX_JOB_DUEDATE_TS".equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
                    columns.add(indexes.getString("COLUMN_NAME").toUpperCase(java.util.Locale.ROOT));
                }
            }
            assertThat(columns).containsExactly("DUEDATE_");
        }
        mapper.createJobAcquisitionIndex(); // at every start of every node: already there, nothing to do
    }

    /**
     * Issue 17.2: a node that died holds its jobs locked for Camunda's lock time (5 minutes); once it is unseen for
     * dead-after, its jobs are unlocked for the others. A live node's jobs, and those of an owner the registry does
     * not know, are left alone.
     */
    @Test
    void theJobsOfADeadNodeAreUnlockedForTheOthersAndNoOtherJob() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String suffix = Long.toString(System.nanoTime());
        String dead = "dead-" + suffix;
        String alive = "alive-" + suffix;
        Instant now = Instant.now();
        String deployment = engine.getRepositoryService().createDeployment().name("dead-node-test")
                .addModelInstance("dead-node-test.bpmn", org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("deadNodeTest")
                        .camundaHistoryTimeToLive(1).startEvent().serviceTask().camundaAsyncBefore().camundaExpression("${1}")
                        .endEvent().done())
                .deploy().getId();
        try {
            List<String> jobs = Stream.of(dead, alive, "unknown-" + suffix).map(owner -> {
                String instance = engine.getRuntimeService().startProcessInstanceByKey("deadNodeTest").getId();
                String job = engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult().getId();
                jdbc.update("update ACT_RU_JOB set LOCK_OWNER_ = ?, LOCK_EXP_TIME_ = ? where ID_ = ?", owner,
                        java.sql.Timestamp.from(now.plus(Duration.ofMinutes(5))), job);
                return job;
            }).toList();
            // the nodes are registered once their jobs are locked, as in life: a scheduled tick between the two would
            // find a dead node holding nothing and forget it before its jobs were locked
            jdbc.update("insert into cluster_node (node_id, started_at, last_seen, rules_version) values (?, ?, ?, 0)", dead,
                    java.sql.Timestamp.from(now.minus(Duration.ofHours(1))), java.sql.Timestamp.from(now.minus(Duration.ofMinutes(10))));
            jdbc.update("insert into cluster_node (node_id, started_at, last_seen, rules_version) values (?, ?, ?, 0)", alive,
                    java.sql.Timestamp.from(now.minus(Duration.ofHours(1))), java.sql.Timestamp.from(now));

            // the scheduled tick (every heartbeat) may have been first: what counts is the jobs' state
            assertThat(deadNodeJobs.unlockJobsOfDeadNodes()).isBetween(0, 1);

            assertThat(lockOwner(jdbc, jobs.get(0))).as("free, or already run by a job executor").isNull();
            assertThat(lockOwner(jdbc, jobs.get(1))).isEqualTo(alive);
            assertThat(lockOwner(jdbc, jobs.get(2))).isEqualTo("unknown-" + suffix);
            assertThat(deadNodeJobs.unlockJobsOfDeadNodes()).as("nothing left to take up").isZero();
            // the dead node is looked for once (Camunda's job table has no index on the lock owner), the live one stays
            assertThat(jdbc.queryForList("select node_id from cluster_node where node_id in (?, ?)", String.class, dead, alive))
                    .containsExactly(alive);
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment, true);
            jdbc.update("delete from cluster_node where node_id in (?, ?)", dead, alive);
        }
        // this node's job executor locks in the name the registry knows it by
        var executor = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        assertThat(executor.getLockOwner()).isEqualTo(nodes.nodeId());
    }

    /** The job's lock owner; null when free or done. */
    private static String lockOwner(JdbcTemplate jdbc, String job) {
        return jdbc.queryForList("select LOCK_OWNER_ from ACT_RU_JOB where ID_ = ?", String.class, job).stream()
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** Two schedulers (two nodes) ticking every 100 ms for a second and a half: the job ran once. */
    @Test
    void twoSchedulersOnOneDatabaseRunAJobOnce() throws Exception {
        LockProvider otherNode = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build());
        String job = "cluster-test-" + System.nanoTime();
        AtomicInteger runs = new AtomicInteger();
        List<ThreadPoolTaskScheduler> schedulers = Stream.of(lockProvider, otherNode).map(provider -> {
            ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
            scheduler.initialize();
            DefaultLockingTaskExecutor locking = new DefaultLockingTaskExecutor(provider);
            // as @SchedulerLock(lockAtLeastFor = PT30S): the other node's next ticks find the lock taken
            scheduler.scheduleAtFixedRate(() -> locking.executeWithLock((Runnable) runs::incrementAndGet,
                    new LockConfiguration(Instant.now(), job, Duration.ofMinutes(1), Duration.ofSeconds(30))), Duration.ofMillis(100));
            return scheduler;
        }).toList();
        try {
            Thread.sleep(1500);
        } finally {
            schedulers.forEach(ThreadPoolTaskScheduler::shutdown);
        }
        assertThat(runs).hasValue(1);
    }

    /**
     * Every @Scheduled method of the application is locked for the cluster, but those each node needs: the heartbeat,
     * and the writing of the node's own queue of page views.
     */
    @Test
    void everyScheduledTaskOutsideCamundaRunsOncePerCluster() {
        int locked = 0;
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> declared = context.getType(name);
            if (declared == null || !declared.getName().startsWith("fr.adminteleservices.")) {
                continue;
            }
            Object bean = context.getBean(name);
            Class<?> type = AopUtils.getTargetClass(bean);
            for (Method m : type.getDeclaredMethods()) {
                if (!m.isAnnotationPresent(Scheduled.class) || type == ClusterRules.class && m.getName().equals("follow")
                        || type == fr.adminteleservices.consultation.ViewLog.class && m.getName().equals("flush")) {
                    continue;
                }
                assertThat(m.isAnnotationPresent(SchedulerLock.class)).as("%s.%s is locked", type.getSimpleName(), m.getName()).isTrue();
                assertThat(AopUtils.isAopProxy(bean)).as("%s goes through ShedLock's proxy", type.getSimpleName()).isTrue();
                locked++;
            }
        }
        assertThat(locked).as("the sweep of generations, the purge of PDFs, the purge of sessions").isGreaterThanOrEqualTo(3);
    }

    /**
     * A reload on node B (its rules/ with one more file) reaches node A at its next heartbeat; the registry shows
     * both at the new version. Then the original rules are published again, for the other tests on this database.
     */
    @Test
    void rulesReloadedOnOneNodeReachTheOthers() throws IOException {
        List<AnalystFolder.AnalystFile> original = rules.sources();
        Path folder = Files.createTempDirectory(Path.of("target"), "cluster-rules");
        for (AnalystFolder.AnalystFile f : original) {
            Files.write(folder.resolve(f.name()), f.content());
        }
        Files.writeString(folder.resolve("cluster-probe.drl"), """
                package fr.adminteleservices.rules.probe;
                rule "sonde du test de grappe"
                when
                then
                end
                """, StandardCharsets.UTF_8);
        RuleBook bookB = new RuleBook(folder.toString());
        ClusterNodes registryB = new ClusterNodes(mapper, "node-b-" + System.nanoTime(), Duration.ofSeconds(5));
        ClusterRules nodeB = new ClusterRules(bookB, mapper, registryB, transactions);
        try {
            // node B reloads: compiled, published, in force there
            RuleBook.Compiled compiled = bookB.prepare();
            long release = nodeB.publish(compiled.files());
            compiled.apply(release);
            assertThat(release).isGreaterThan(rules.version());
            nodeB.follow();

            clusterRules.follow(); // node A's heartbeat
            assertThat(rules.version()).isEqualTo(release);
            assertThat(rules.ruleFiles()).contains("cluster-probe");
            assertThat(nodes.live()).filteredOn(n -> List.of(nodes.nodeId(), registryB.nodeId()).contains(n.nodeId()))
                    .hasSize(2).allSatisfy(n -> assertThat(n.rulesVersion()).isEqualTo(release));
            // the same files again: no new release
            assertThat(nodeB.publish(compiled.files())).isEqualTo(release);
        } finally {
            long back = clusterRules.publish(original);
            clusterRules.follow();
            assertThat(rules.version()).isEqualTo(back);
            assertThat(rules.ruleFiles()).doesNotContain("cluster-probe");
        }
    }

    @Test
    void aNodesFirstHeartbeatsAtOnceRegisterItOnce() throws Exception {
        ClusterNodes fresh = new ClusterNodes(mapper, "node-c-" + System.nanoTime(), Duration.ofSeconds(5));
        int beats = 8;
        CyclicBarrier together = new CyclicBarrier(beats);
        ExecutorService threads = Executors.newFixedThreadPool(beats);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < beats; i++) {
                done.add(threads.submit(() -> {
                    together.await();
                    fresh.beat(rules.version());
                    return null;
                }));
            }
            for (Future<?> beat : done) {
                beat.get(30, TimeUnit.SECONDS); // a duplicate key would fail here
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(fresh.live()).filteredOn(n -> n.nodeId().equals(fresh.nodeId())).hasSize(1);
    }
}
