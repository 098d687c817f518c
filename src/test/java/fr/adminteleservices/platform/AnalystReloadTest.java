package fr.adminteleservices.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.util.FileSystemUtils;

/** Issue 15, points 9–12: the reload as an académie administrator calls it, on a copy of processes/ and rules/. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@AutoConfigureMockMvc
class AnalystReloadTest {

    static final Path FOLDER = Path.of("target/analyst-reload-" + System.nanoTime()).toAbsolutePath();
    static final Path PROCESSES = FOLDER.resolve("processes");
    static final Path RULES = FOLDER.resolve("rules");

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) throws IOException {
        copy(Path.of("processes"), PROCESSES);
        copy(Path.of("rules"), RULES);
        registry.add("teleservices.processes-dir", PROCESSES::toString);
        registry.add("teleservices.rules-dir", RULES::toString);
        // its own database and engine: this context's deployments are not the other tests'
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:analyst-reload;MODE=MariaDB;DB_CLOSE_DELAY=-1");
        registry.add("camunda.bpm.process-engine-name", () -> "analystreload");
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    RuleBook rules;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ClusterNodes nodes;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @AfterEach
    void restoreTheFolders() throws Exception {
        FileSystemUtils.deleteRecursively(RULES.resolve("extra-rank.drl"));
        copy(Path.of("processes"), PROCESSES);
        reload().andExpect(status().isOk());
    }

    /** Point 11: a valid new rule file and a broken process: neither changes. */
    @Test
    void anInvalidProcessLeavesTheRulesInForceUnchanged() throws Exception {
        Files.copy(RULES.resolve("guardian-legal-rank.drl"), RULES.resolve("extra-rank.drl"));
        edit("siecle-import.bpmn", "targetRef=\"RejetsPresents\"", "targetRef=\"NullePart\"");
        Integer releases = jdbc.queryForObject("select count(*) from rules_release", Integer.class);

        reload().andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message", containsString("Rien n'est rechargé")))
                .andExpect(jsonPath("$.message", containsString("siecle-import.bpmn, ligne ")));
        assertThat(rules.ruleFiles()).doesNotContain("extra-rank");
        // nor for the other nodes (issue 18): no release of the rules was published
        assertThat(jdbc.queryForObject("select count(*) from rules_release", Integer.class)).isEqualTo(releases);

        copy(Path.of("processes"), PROCESSES);
        reload().andExpect(status().isOk()).andExpect(jsonPath("$.rules", hasItem("extra-rank")))
                // the answer says which version each node runs: here the only node, at the new release
                .andExpect(jsonPath("$.rulesVersion").value((int) (releases + 1)))
                .andExpect(jsonPath("$.nodes[?(@.node == '" + nodes.nodeId() + "')].upToDate", hasItem(true)));
        assertThat(rules.ruleFiles()).contains("extra-rank");
        assertThat(rules.version()).isEqualTo(releases + 1);
    }

    /** Point 10. */
    @Test
    void xmlThatIsNotWellFormedAnswers400WithItsFileAndLine() throws Exception {
        edit("password-reset.bpmn", "</bpmn:process>", "</bpmn:proces>");
        reload().andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message", containsString("password-reset.bpmn, ligne ")))
                .andExpect(jsonPath("$.message", containsString("XML mal formé")));
    }

    /** Point 9: refused before deploying, so the version in force stays and new codes still get a lifecycle. */
    @Test
    void aTimerThatIsNoDurationIsRefusedWithFileLineAndElement() throws Exception {
        int version = latestVersion("car-lifecycle");
        edit("car-lifecycle.bpmn", ">P1Y<", ">P18X<");
        reload().andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message", containsString(
                        "car-lifecycle.bpmn, ligne 47, élément « UnAnSansCompte » (Un an sans compte) : minuterie « P18X » invalide")));
        assertThat(latestVersion("car-lifecycle")).isEqualTo(version);
        assertThat(engine.getRuntimeService().startProcessInstanceByKey("car-lifecycle", "CAR-reload-9",
                Map.of("uai", "0990001N", "codeId", 990_009L)).isEnded()).isFalse();
    }

    /** Point 12: a real old and new version; running lifecycles keep P1Y until an administrator moves them. */
    @Test
    void aChangedTimerAppliesToNewInstancesUntilAnAdministratorMigratesTheRunningOnes() throws Exception {
        List<String> started = new ArrayList<>();
        for (long i = 0; i < 3; i++) {
            ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey("car-lifecycle", "CAR-reload-" + i,
                    Map.of("uai", "0990001N", "codeId", 990_100L + i));
            started.add(pi.getId());
        }
        long running = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("car-lifecycle").count();
        int oldVersion = latestVersion("car-lifecycle");

        edit("car-lifecycle.bpmn", ">P1Y<", ">P2Y<");
        reload().andExpect(status().isOk())
                .andExpect(jsonPath("$.rules", hasItem("guardian-legal-rank")))
                .andExpect(jsonPath("$.newProcessVersions").value(1))
                .andExpect(jsonPath("$.runningOnOlderVersions[0].process").value("car-lifecycle"))
                .andExpect(jsonPath("$.runningOnOlderVersions[0].version").value(oldVersion + 1))
                .andExpect(jsonPath("$.runningOnOlderVersions[0].running").value(running))
                .andExpect(jsonPath("$.runningOnOlderVersions[0].changedTimers[0]")
                        .value("« Un an sans compte » : P1Y (P2Y pour les nouvelles)"))
                .andExpect(jsonPath("$.message", containsString("les " + running + " instances en cours gardent "
                        + "« Un an sans compte » : P1Y")));

        String body = "{\"process\": \"car-lifecycle\"}";
        mvc.perform(post("/api/analyst/migrations").with(httpBasic("chef.0990001N", "chef.0990001N"))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isForbidden());
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(started.get(0)).singleResult()
                .getProcessDefinitionId()).isNotEqualTo(latestId("car-lifecycle"));

        mvc.perform(post("/api/analyst/migrations").with(httpBasic("academie", "academie"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(oldVersion + 1))
                .andExpect(jsonPath("$.before.olderVersions").value(running))
                .andExpect(jsonPath("$.before.latestVersion").value(0))
                .andExpect(jsonPath("$.migrated").value(running))
                .andExpect(jsonPath("$.after.olderVersions").value(0))
                .andExpect(jsonPath("$.after.latestVersion").value(running));
        // the moved lifecycle now waits for the new timer (recomputed from the migration: about two years)
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(started.get(0)).timers().singleResult();
        assertThat(timer.getProcessDefinitionId()).isEqualTo(latestId("car-lifecycle"));
        assertThat(Duration.between(ClockUtil.getCurrentTime().toInstant(), timer.getDuedate().toInstant())).isGreaterThan(Duration.ofDays(700));
    }

    @Test
    void theMigrationOfAnUnknownProcessIsRefused() throws Exception {
        mvc.perform(post("/api/analyst/migrations").with(httpBasic("academie", "academie"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"process\": \"inconnu\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("Aucun processus « inconnu » déployé."))
                .andExpect(jsonPath("$.message", not(containsString("Exception"))));
    }

    private ResultActions reload() throws Exception {
        return mvc.perform(post("/api/analyst/reload").with(httpBasic("academie", "academie")));
    }

    private int latestVersion(String key) {
        return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                .singleResult().getVersion();
    }

    private String latestId(String key) {
        return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                .singleResult().getId();
    }

    private static void edit(String file, String from, String to) throws IOException {
        Path path = PROCESSES.resolve(file);
        String content = Files.readString(path);
        assertThat(content).contains(from);
        Files.writeString(path, content.replace(from, to));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
