package fr.adminteleservices.platform;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Picks up a business analyst's edits of processes/ and rules/ without a restart. Rules are swapped
 * only if every file compiles; processes are deployed in one deployment or not at all.
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
    ResponseEntity<Map<String, Object>> reload() {
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            rules.reload(); // swapped only if every file compiles
            result.put("rules", rules.ruleFiles());
        } catch (AnalystFileException e) {
            return refused(result, "Règles non rechargées, celles en vigueur restent actives. " + e.getMessage());
        }
        try {
            result.put("newProcessVersions", processes.deploy(engine)); // one deployment, or none
        } catch (AnalystFileException e) {
            return refused(result, "Règles rechargées ; processus non déployés, les versions en vigueur restent actives. "
                    + e.getMessage());
        }
        return ResponseEntity.ok(result);
    }

    private static ResponseEntity<Map<String, Object>> refused(Map<String, Object> result, String message) {
        result.put("status", 400);
        result.put("message", message);
        return ResponseEntity.badRequest().body(result);
    }
}
