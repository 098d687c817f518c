package fr.adminteleservices.platform;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Picks up a business analyst's edits of processes/ and rules/ without a restart: both are checked first,
 * then both change, or neither. Running instances keep their version unless an académie administrator
 * migrates them, as a separate action.
 */
@RestController
@Tag(name = "Processus et règles", description = "Recharger processes/ et rules/ après modification")
class AnalystApi {

    private final RuleBook rules;
    private final ProcessFolderDeployer processes;
    private final ProcessEngine engine;

    AnalystApi(RuleBook rules, ProcessFolderDeployer processes, ProcessEngine engine) {
        this.rules = rules;
        this.processes = processes;
        this.engine = engine;
    }

    @Operation(summary = "Recompile rules/ et redéploie processes/ (administrateur académique)")
    @PostMapping("/api/analyst/reload")
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    synchronized ResponseEntity<Map<String, Object>> reload() {
        Map<String, Object> result = new LinkedHashMap<>();
        RuleBook.Compiled compiled;
        try {
            compiled = rules.prepare(); // compiled, not yet in force
        } catch (AnalystFileException e) {
            return refused(result, "Rien n'est rechargé : les règles et les processus en vigueur restent actifs. " + e.getMessage());
        }
        List<ProcessDefinition> versions;
        try {
            versions = processes.deployNewVersions(engine); // checked first, then one deployment or none
        } catch (AnalystFileException e) {
            compiled.discard(); // rules and processes change together or not at all
            return refused(result, "Rien n'est rechargé : les règles et les processus en vigueur restent actifs. " + e.getMessage());
        }
        compiled.apply();
        result.put("rules", rules.ruleFiles());
        result.put("newProcessVersions", versions.size());
        List<Map<String, Object>> running = ProcessVersions.runningOnOlderVersions(engine, versions);
        result.put("runningOnOlderVersions", running);
        result.put("message", running.isEmpty() ? "Règles et processus rechargés."
                : "Règles et processus rechargés. Une nouvelle version ne vaut que pour les nouvelles instances : "
                + running.stream().map(r -> (String) r.get("message")).collect(Collectors.joining(" ")));
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

    private static ResponseEntity<Map<String, Object>> refused(Map<String, Object> result, String message) {
        result.put("status", 400);
        result.put("message", message);
        return ResponseEntity.badRequest().body(result);
    }
}
