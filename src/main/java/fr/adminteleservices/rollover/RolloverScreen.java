package fr.adminteleservices.rollover;

import fr.adminteleservices.establishment.ChangeLog;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.security.EstablishmentAccess;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The rollover for académie administrators: start it, then confirm the dates here or in Tasklist. */
@Controller
@PreAuthorize("hasRole('ACADEMY_ADMIN')")
class RolloverScreen {

    static final String PROCESS = "rollover";
    static final String TASK = "ConfirmerDates";
    /** The message start event "Lancée par un administrateur d'académie" (a timer start excludes a none start). */
    static final String REQUESTED = "bascule-demandee";

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final EstablishmentService establishments;
    private final ChangeLog changes;

    RolloverScreen(RuntimeService runtime, TaskService tasks, EstablishmentService establishments, ChangeLog changes) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.establishments = establishments;
        this.changes = changes;
    }

    @GetMapping("/academie/bascule")
    String page(Model model) {
        String academy = establishments.defaultAcademyCode();
        model.addAttribute("schoolYear", establishments.currentSchoolYear(academy).orElse(null));
        Task task = pendingTask();
        model.addAttribute("task", task);
        if (task != null) {
            Map<String, Object> vars = tasks.getVariables(task.getId());
            model.addAttribute("startsOn", RolloverTasks.toLocalDate(vars.get("startsOn")));
            model.addAttribute("endsOn", RolloverTasks.toLocalDate(vars.get("endsOn")));
            model.addAttribute("refusal", vars.get("refusal"));
        }
        model.addAttribute("changes", changes.ofAcademy(academy, 20).stream()
                .filter(c -> c.subject().equals("Bascule")).toList());
        return "rollover/rollover";
    }

    @PostMapping("/academie/bascule")
    String start(RedirectAttributes redirect) {
        if (pendingTask() == null) {
            runtime.startProcessInstanceByMessage(REQUESTED, Map.of("startedBy", EstablishmentAccess.currentUser().username(),
                    "academyCode", establishments.defaultAcademyCode()));
            redirect.addFlashAttribute("message", "Bascule lancée : vérifiez et confirmez les dates de la nouvelle année scolaire.");
        }
        return "redirect:/academie/bascule";
    }

    @PostMapping("/academie/bascule/{taskId}")
    String confirm(@PathVariable String taskId,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startsOn,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endsOn,
                   @RequestParam(defaultValue = "false") boolean confirmed, RedirectAttributes redirect) {
        Task task = pendingTask();
        if (task == null || !task.getId().equals(taskId)) {
            redirect.addFlashAttribute("error", "Cette bascule n'attend plus de confirmation.");
            return "redirect:/academie/bascule";
        }
        if (confirmed && (startsOn == null || endsOn == null)) {
            redirect.addFlashAttribute("error", "Saisissez les dates de début et de fin de la nouvelle année scolaire.");
            return "redirect:/academie/bascule";
        }
        String user = EstablishmentAccess.currentUser().username();
        tasks.setAssignee(taskId, user);
        Map<String, Object> vars = new HashMap<>();
        vars.put("confirmed", confirmed);
        if (startsOn != null && endsOn != null) {
            vars.put("startsOn", RolloverTasks.toDate(startsOn));
            vars.put("endsOn", RolloverTasks.toDate(endsOn));
        }
        tasks.complete(taskId, vars);
        Task again = pendingTask();
        if (again != null) {
            redirect.addFlashAttribute("error", String.valueOf(tasks.getVariable(again.getId(), "refusal")));
        } else {
            redirect.addFlashAttribute("message", confirmed ? "Bascule faite : la nouvelle année scolaire est en cours et tous les "
                    + "téléservices des établissements sont fermés." : "Bascule abandonnée.");
        }
        return "redirect:/academie/bascule";
    }

    /** The rollover of this installation's académie waiting for its dates, if any. */
    private Task pendingTask() {
        List<Task> pending = tasks.createTaskQuery().processDefinitionKey(PROCESS).taskDefinitionKey(TASK)
                .processVariableValueEquals("academyCode", establishments.defaultAcademyCode())
                .orderByTaskCreateTime().desc().list();
        return pending.isEmpty() ? null : pending.get(0);
    }
}
