package fr.adminteleservices.platform;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Running instances keep the version they started with (a changed timer applies to new instances only);
 * an académie administrator may move them to the latest version with Camunda's process instance migration.
 */
final class ProcessVersions {

    private ProcessVersions() {
    }

    /** For each new version of a process that already had one: how many instances run older versions, and what timers changed. */
    static List<Map<String, Object>> runningOnOlderVersions(ProcessEngine engine, List<ProcessDefinition> newVersions) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (ProcessDefinition latest : newVersions) {
            if (latest.getVersion() < 2) {
                continue;
            }
            long running = olderRunning(engine, latest);
            List<String> timers = changedTimers(engine.getRepositoryService(), latest);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("process", latest.getKey());
            entry.put("version", latest.getVersion());
            entry.put("running", running);
            entry.put("changedTimers", timers);
            String kept = timers.isEmpty() ? "leur version" : String.join(", ", timers);
            entry.put("message", "« " + label(latest) + " » version " + latest.getVersion() + " : les " + number(running)
                    + " instances en cours gardent " + kept + " ; la nouvelle version vaut pour les nouvelles seulement."
                    + (running == 0 ? "" : " Pour les y faire passer : POST /api/analyst/migrations {\"process\": \""
                    + latest.getKey() + "\"}."));
            result.add(entry);
        }
        return result;
    }

    /**
     * Moves every running instance of older versions to the latest one (activities matched by id, timers and
     * other event triggers recomputed from the new definition); answers the counts before and after.
     */
    static Map<String, Object> migrateToLatest(ProcessEngine engine, String key) {
        RepositoryService repository = engine.getRepositoryService();
        RuntimeService runtime = engine.getRuntimeService();
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                .withoutTenantId().singleResult();
        if (latest == null) {
            throw new IllegalArgumentException("Aucun processus « " + key + " » déployé.");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("process", key);
        answer.put("version", latest.getVersion());
        answer.put("before", counts(engine, latest));
        long migrated = 0;
        for (ProcessDefinition older : repository.createProcessDefinitionQuery().processDefinitionKey(key).withoutTenantId()
                .list()) {
            if (older.getVersion() >= latest.getVersion()) {
                continue;
            }
            long running = runtime.createProcessInstanceQuery().processDefinitionId(older.getId()).count();
            if (running == 0) {
                continue;
            }
            MigrationPlan plan = runtime.createMigrationPlan(older.getId(), latest.getId())
                    .mapEqualActivities().updateEventTriggers().build();
            // synchronous, in one transaction: all the instances of a version move, or none
            runtime.newMigration(plan).processInstanceQuery(runtime.createProcessInstanceQuery()
                    .processDefinitionId(older.getId())).execute();
            migrated += running;
        }
        answer.put("migrated", migrated);
        answer.put("after", counts(engine, latest));
        return answer;
    }

    private static Map<String, Long> counts(ProcessEngine engine, ProcessDefinition latest) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("olderVersions", olderRunning(engine, latest));
        counts.put("latestVersion", engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionId(latest.getId()).count());
        return counts;
    }

    private static long olderRunning(ProcessEngine engine, ProcessDefinition latest) {
        RuntimeService runtime = engine.getRuntimeService();
        return runtime.createProcessInstanceQuery().processDefinitionKey(latest.getKey()).count()
                - runtime.createProcessInstanceQuery().processDefinitionId(latest.getId()).count();
    }

    /** « Un an sans compte » : P1Y (P2Y pour les nouvelles), for each timer whose value differs from the previous version. */
    private static List<String> changedTimers(RepositoryService repository, ProcessDefinition latest) {
        ProcessDefinition previous = repository.createProcessDefinitionQuery().processDefinitionKey(latest.getKey())
                .processDefinitionVersion(latest.getVersion() - 1).withoutTenantId().singleResult();
        if (previous == null) {
            return List.of();
        }
        Map<String, String> before = timers(repository, previous.getId());
        Map<String, String> after = timers(repository, latest.getId());
        List<String> changed = new ArrayList<>();
        before.forEach((element, value) -> {
            String now = after.get(element);
            if (now != null && !Objects.equals(value, now)) {
                changed.add(element + " : " + value + " (" + now + " pour les nouvelles)");
            }
        });
        return changed;
    }

    private static Map<String, String> timers(RepositoryService repository, String definitionId) {
        Map<String, String> timers = new LinkedHashMap<>();
        for (TimerEventDefinition timer : repository.getBpmnModelInstance(definitionId)
                .getModelElementsByType(TimerEventDefinition.class)) {
            ModelElementInstance parent = timer.getParentElement();
            String element = parent instanceof FlowElement f && f.getName() != null ? "« " + f.getName().strip() + " »"
                    : parent instanceof BaseElement b ? b.getId() : "?";
            String value = timer.getTimeDuration() != null ? timer.getTimeDuration().getTextContent()
                    : timer.getTimeDate() != null ? timer.getTimeDate().getTextContent()
                    : timer.getTimeCycle() != null ? timer.getTimeCycle().getTextContent() : "";
            timers.put(element, value.strip());
        }
        return timers;
    }

    private static String label(ProcessDefinition definition) {
        return definition.getName() == null ? definition.getKey() : definition.getName();
    }

    private static String number(long n) {
        return NumberFormat.getIntegerInstance(Locale.FRANCE).format(n);
    }
}
