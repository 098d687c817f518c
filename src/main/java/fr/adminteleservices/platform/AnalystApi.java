package fr.adminteleservices.platform;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Picks up a business analyst's edits of processes/ and rules/ without a restart: both are checked first,
 * then both change, or neither, on every node: the rules go into the database as a release that each node
 * takes at its next heartbeat, and the answer lists the nodes with the version each one runs. Running instances keep their version unless an académie administrator
 * migrates them, as a separate action.
 */
@RestController
@Tag(name = "Processus et règles", description = "Recharger processes/ et rules/ après modification")
class AnalystApi {

    private final RuleBook rules;
    private final ProcessFolderDeployer processes;
    private final ProcessEngine engine;
    private final ClusterRules cluster;
    private final TransactionTemplate transaction;
    private final Duration nodesWait;

    AnalystApi(RuleBook rules, ProcessFolderDeployer processes, ProcessEngine engine, ClusterRules cluster,
               PlatformTransactionManager transactions, ClusterProperties clusterProperties) {
        this.rules = rules;
        this.processes = processes;
        this.engine = engine;
        this.cluster = cluster;
        this.transaction = new TransactionTemplate(transactions);
        this.nodesWait = clusterProperties.reloadWait();
    }

    @Operation(summary = "Recompile rules/ et redéploie processes/ (administrateur académique)")
    @PostMapping("/api/analyst/reload")
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    synchronized ResponseEntity<Map<String, Object>> reload() throws InterruptedException {
        Map<String, Object> result = new LinkedHashMap<>();
        RuleBook.Compiled compiled;
        try {
            compiled = rules.prepare(); // compiled, not yet in force
        } catch (AnalystFileException e) {
            return refused(result, "Rien n'est rechargé : les règles et les processus en vigueur restent actifs. " + e.getMessage());
        }
        List<ProcessDefinition> versions;
        long release;
        try {
            // one transaction: the processes' deployment and the rules' release for the other nodes, or neither
            Released released = transaction.execute(t -> new Released(
                    processes.deployNewVersions(engine), // checked first, then one deployment or none
                    cluster.publish(compiled.files())));
            versions = released.versions();
            release = released.rulesVersion();
        } catch (AnalystFileException e) {
            compiled.discard(); // rules and processes change together or not at all
            return refused(result, "Rien n'est rechargé : les règles et les processus en vigueur restent actifs. " + e.getMessage());
        }
        compiled.apply(release);
        result.put("rules", rules.ruleFiles());
        result.put("rulesVersion", release);
        // the other nodes take the release at their next heartbeat: the answer says where each one is
        List<ClusterNodes.Node> nodes = cluster.awaitNodes(release, nodesWait);
        result.put("nodes", nodes.stream().map(n -> Map.of("node", n.nodeId(), "rulesVersion", n.rulesVersion(),
                "upToDate", n.rulesVersion() >= release, "lastSeen", n.lastSeen().toString())).toList());
        result.put("newProcessVersions", versions.size());
        List<Map<String, Object>> running = ProcessVersions.runningOnOlderVersions(engine, versions);
        result.put("runningOnOlderVersions", running);
        List<String> behind = nodes.stream().filter(n -> n.rulesVersion() < release).map(ClusterNodes.Node::nodeId).toList();
        result.put("message", (running.isEmpty() ? "Règles et processus rechargés."
                : "Règles et processus rechargés. Une nouvelle version ne vaut que pour les nouvelles instances : "
                + running.stream().map(r -> (String) r.get("message")).collect(Collectors.joining(" ")))
                + (behind.isEmpty() ? "" : " Pas encore à la version " + release + " des règles : " + String.join(", ", behind)
                + " (ces nœuds la prennent dès qu'ils répondent)."));
        return ResponseEntity.ok(result);
    }

    @Operation(summary = "Fait passer les instances en cours d'un processus à sa dernière version (administrateur académique)")
    @PostMapping("/api/analyst/migrations")
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    synchronized ResponseEntity<Map<String, Object>> migrate(@RequestBody MigrationRequest request) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (request == null || request.process() == null || request.process().isBlank()) {
            return refused(result, "Indiquez le processus (« process », par exemple car-lifecycle).");
        }
        try {
            return ResponseEntity.ok(ProcessVersions.migrateToLatest(engine, request.process().strip()));
        } catch (IllegalArgumentException e) {
            return refused(result, e.getMessage());
        } catch (MigrationPlanValidationException | MigratingProcessInstanceValidationException e) {
            result.put("status", 409);
            result.put("message", "Aucune instance déplacée : la dernière version ne reprend pas les étapes en cours. "
                    + e.getMessage());
            return ResponseEntity.status(409).body(result);
        }
    }

    record MigrationRequest(String process) {
    }

    private record Released(List<ProcessDefinition> versions, long rulesVersion) {
    }

    private static ResponseEntity<Map<String, Object>> refused(Map<String, Object> result, String message) {
        result.put("status", 400);
        result.put("message", message);
        return ResponseEntity.badRequest().body(result);
    }
}
