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
            rules.reload();
            result.put("rules", rules.ruleFiles());
            result.put("newProcessVersions", processes.deploy(engine));
            return ResponseEntity.ok(result);
        } catch (IllegalStateException e) {
            // the message names the file and line; what was running before stays in place
            result.put("status", 400);
            result.put("message", e.getMessage());
            return ResponseEntity.badRequest().body(result);
        }
    }
}
