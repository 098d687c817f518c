package fr.adminteleservices.replication;

import static fr.adminteleservices.support.Heads.academyAdmin;
import static fr.adminteleservices.support.Heads.headOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.security.Directory;
import fr.adminteleservices.settings.SettingsService;
import fr.adminteleservices.settings.SettingsUpdate;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.Heads;
import fr.adminteleservices.support.SiecleFixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/** processes/replication.bpmn and what it copies (R1–R3), on H2 and MariaDB. */
abstract class ReplicationProcessContract {

    @Autowired
    ProcessEngine engine;
    @Autowired
    MockMvc mvc;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    Directory directory;
    @Autowired
    ServiceOpening opening;
    @Autowired
    SettingsService settings;
    @Autowired
    SiecleImportService imports;
    @Autowired
    Replication replication;
    @Autowired
    JdbcTemplate jdbc;

    String uai;

    @BeforeEach
    void establishmentWithStudents() {
        init(engine);
        uai = Heads.newEstablishmentWithHead(establishments, directory);
        importStudents(uai);
        opening.declare(uai, "test");
        opening.setOpen(uai, "NOTES", true, "test");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    void importStudents(String establishment) {
        imports.importExports(establishment, Families.of(establishment)
                .student("1", "Martin", "Léa", "03/04/2012", "3A")
                .guardian("10", "M.", "Martin", "Paul", "1").email("paul.martin@example.fr")
                .student("2", "Bernard", "Hugo", "05/06/2012", "3B")
                .guardian("11", "Mme", "Bernard", "Anne", "1")
                .student("3", "Petit", "Chloé", "07/08/2012", "3B").leftOn("01/10/2026")
                .exports(), "test");
    }

    int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table + " where uai = ?", Integer.class, uai);
    }

    List<Map<String, Object>> snapshot() {
        return List.of("ts_establishment", "ts_service", "ts_settings", "ts_useful_link", "ts_due_date", "ts_student",
                        "ts_guardian", "ts_guardian_link").stream()
                .flatMap(t -> jdbc.queryForList("select * from " + t + " where uai = ? order by 2, 3", uai).stream())
                // when and which copy: what a second copy changes by design
                .map(row -> {
                    row.keySet().removeIf(c -> c.equalsIgnoreCase("replicated_at") || c.equalsIgnoreCase("copy_stamp"));
                    return row;
                })
                .toList();
    }

    List<String> passed(String processInstanceId) {
        return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
               .list().stream()
                .map(HistoricActivityInstance::getActivityId).toList();
    }

    @Test
    void theNightlyTimerFiresAtTwoAndCopiesEveryEstablishmentThatUsesTheServices() {
        Job timer = engine.getManagementService().createJobQuery().processDefinitionKey("replication").timers().singleResult();
        ZonedDateTime due = timer.getDuedate().toInstant().atZone(ZoneId.systemDefault());
        assertThat(due.getHour()).isEqualTo(2);
        assertThat(due.getMinute()).isZero();
        assertThat(Duration.between(Instant.now(), due.toInstant())).isLessThanOrEqualTo(Duration.ofDays(1));

        ClockUtil.setCurrentTime(timer.getDuedate());
        execute(timer);

        ReplicationRun run = replication(ReplicationTask.TIMER);
        assertThat(passed(run.processInstanceId())).containsExactlyInAnyOrder("ChaqueNuit", "Repliquer", "ReplicationTerminee");
        assertThat(count("ts_establishment")).isEqualTo(1);
        assertThat(count("ts_student")).as("the student who left is not copied").isEqualTo(2);
        assertThat(count("ts_guardian_link")).isEqualTo(2);
        assertThat(jdbc.queryForList("select code from ts_service where uai = ?", String.class, uai)).contains("NOTES");
        // the cycle goes on: the next night's timer is waiting
        Job next = engine.getManagementService().createJobQuery().processDefinitionKey("replication").timers().singleResult();
        assertThat(next.getDuedate()).isAfter(timer.getDuedate());
    }

    /** The latest run started by that user. */
    ReplicationRun replication(String startedBy) {
        return replicationService.recentRuns(50).stream().filter(r -> startedBy.equals(r.startedBy())).findFirst().orElseThrow();
    }

    @Autowired
    ReplicationService replicationService;

    @Test
    void anAcademyAdministratorRunsItNowThroughTheApiAndGetsTheCounts() throws Exception {
        mvc.perform(post("/api/replication/runs").with(academyAdmin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.startedBy").value("academie"))
                .andExpect(jsonPath("$.finishedAt").isNotEmpty())
                .andExpect(jsonPath("$.establishments").isNumber())
                .andExpect(jsonPath("$.students").isNumber());
        ReplicationRun run = replication("academie");
        assertThat(passed(run.processInstanceId())).containsExactlyInAnyOrder("LanceeParUnAdministrateur", "Repliquer", "ReplicationTerminee");
        assertThat(run.students()).isGreaterThanOrEqualTo(2);
        assertThat(count("ts_student")).isEqualTo(2);

        mvc.perform(post("/api/replication/runs").with(headOf(uai))).andExpect(status().isForbidden());
    }

    @Test
    void aSettingChangedTodayIsSeenByParentsTomorrow() {
        settings.update(uai, SettingsUpdate.welcomeMessage("<p>Réunion parents-professeurs jeudi</p>"), "test");

        replication.runNow("test");
        assertThat(jdbc.queryForObject("select welcome_message from ts_settings where uai = ?", String.class, uai)).isNull();

        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(1))));
        replication.runNow("test");
        assertThat(jdbc.queryForObject("select welcome_message from ts_settings where uai = ?", String.class, uai))
                .isEqualTo("<p>Réunion parents-professeurs jeudi</p>");
    }

    @Autowired
    fr.adminteleservices.codes.GuardianCodes guardianCodes;
    @Autowired
    fr.adminteleservices.codes.StudentCodes studentCodes;

    @Test
    void validCodesAreCopiedWithoutTheirValueAndAStudentRefusalHidesTheNationalServices() {
        guardianCodes.generate(uai, null, true, null, null, "test");
        studentCodes.refuse(uai, "2", "test");

        replication.runNow("test");

        assertThat(count("ts_guardian_code")).isEqualTo(2);
        assertThat(count("ts_student_code")).as("the two present students' CAEs").isEqualTo(2);
        assertThat(jdbc.queryForList("select lookup_hash from ts_guardian_code where uai = ?", String.class, uai))
                .allMatch(h -> h.matches("[0-9a-f]{64}"));
        assertThat(jdbc.queryForObject("select national_services_refused from ts_student where uai = ? and eleve_id = '2'",
                Boolean.class, uai)).isTrue();
        assertThat(jdbc.queryForObject("select national_services_refused from ts_student where uai = ? and eleve_id = '1'",
                Boolean.class, uai)).isFalse();
        assertThat(replication("test").codes()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void replicatingAgainChangesNothing() {
        replication.runNow("test");
        List<Map<String, Object>> first = snapshot();
        replication.runNow("test");
        assertThat(snapshot()).isEqualTo(first).isNotEmpty();
    }

    @Test
    void closedServicesAndEstablishmentsThatDoNotUseTheServicesAreNotShown() {
        String undeclared = SiecleFixtures.newEstablishment(establishments);
        importStudents(undeclared);
        opening.setOpen(uai, "NOTES", false, "test");

        replication.runNow("test");

        assertThat(jdbc.queryForObject("select count(*) from ts_student where uai = ?", Integer.class, undeclared)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from ts_establishment where uai = ?", Integer.class, undeclared)).isZero();
        assertThat(jdbc.queryForList("select code from ts_service where uai = ?", String.class, uai)).doesNotContain("NOTES");
        assertThat(count("ts_settings")).as("the defaults are copied when nothing was set").isEqualTo(1);
    }

    /**
     * Issue 17, point 4: while another node replicates (it holds the cluster's lock, 12 establishments
     * of 80 done), a request answers 409 « une réplication est en cours » with that run's progress, and
     * no run starts beside it; once that node's lease has run out (it died), a new
     * run starts.
     */
    @Test
    void oneReplicationAtATimeAcrossTheClusterASecondRequestGetsTheRunningOnesProgress() throws Exception {
        Instant started = Instant.now().minusSeconds(60);
        jdbc.update("insert into replication_run (process_instance_id, started_at, started_by, as_of, establishments_total, "
                + "establishments_done) values ('autre-noeud', ?, 'academie', ?, 80, 12)", java.sql.Timestamp.from(started),
                java.sql.Date.valueOf(java.time.LocalDate.now()));
        long other = jdbc.queryForObject("select max(id) from replication_run where process_instance_id = 'autre-noeud'", Long.class);
        jdbc.update("update replication_lock set owner = 'autre-noeud', run_id = ?, locked_until = ? where id = 1", other,
                java.sql.Timestamp.from(Instant.now().plusSeconds(600)));
        try {
            int runsBefore = jdbc.queryForObject("select count(*) from replication_run", Integer.class);
            mvc.perform(post("/api/replication/runs").with(academyAdmin()))
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith("Une réplication est en cours (lancée par academie le ")))
                    .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("12 établissement(s) sur 80 copiés")))
                    .andExpect(jsonPath("$.run.id").value(other))
                    .andExpect(jsonPath("$.run.establishmentsDone").value(12));

            // the night's run meanwhile: that node does the work
            assertThatThrownBy(() -> replicationService.replicate(java.time.LocalDate.now(), ReplicationTask.TIMER, null))
                    .isInstanceOf(ReplicationInProgress.class);
            assertThat(jdbc.queryForObject("select count(*) from replication_run", Integer.class))
                    .as("nothing ran beside the other node").isEqualTo(runsBefore);

            // the other node died: its lease runs out, and the next request replicates
            jdbc.update("update replication_lock set locked_until = ? where id = 1", java.sql.Timestamp.from(Instant.now().minusSeconds(1)));
            mvc.perform(post("/api/replication/runs").with(academyAdmin())).andExpect(status().isOk())
                    .andExpect(jsonPath("$.establishmentsDone").value(org.hamcrest.Matchers.greaterThan(0)));
            assertThat(jdbc.queryForObject("select owner from replication_lock where id = 1", String.class)).as("released").isNull();
        } finally {
            jdbc.update("update replication_lock set owner = null, run_id = null, locked_until = null where id = 1");
            jdbc.update("update replication_run set finished_at = started_at where id = ?", other);
        }
    }

    /** Requests at once, in pairs: each answers 200 or 409, never a deadlock (500), and no run is left unfinished. */
    @Test
    void replicationsRequestedAtOnceNeverDeadlock() throws Exception {
        long before = jdbc.queryForObject("select coalesce(max(id), 0) from replication_run", Long.class);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<Integer> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int pair = 0; pair < 3; pair++) {
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<?>> both = new java.util.ArrayList<>();
                for (int k = 0; k < 2; k++) {
                    both.add(two.submit(() -> {
                        go.await();
                        answers.add(mvc.perform(post("/api/replication/runs").with(academyAdmin())).andReturn().getResponse().getStatus());
                        return null;
                    }));
                }
                go.countDown();
                for (java.util.concurrent.Future<?> f : both) {
                    f.get(120, java.util.concurrent.TimeUnit.SECONDS);
                }
            }
            assertThat(answers).hasSize(6).allSatisfy(a -> assertThat(a).isIn(200, 409)).contains(200);
            assertThat(jdbc.queryForObject("select count(*) from replication_run where finished_at is null and id > ?", Integer.class, before))
                    .isZero();
        } finally {
            two.shutdown();
        }
    }
}
