package fr.adminteleservices.replication;

import fr.adminteleservices.security.EstablishmentAccess;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Académie administrators see the last runs and start one by hand. */
@Controller
@PreAuthorize("hasRole('ACADEMY_ADMIN')")
class ReplicationScreen {

    private final Replication replication;
    private final ReplicationService service;

    ReplicationScreen(Replication replication, ReplicationService service) {
        this.replication = replication;
        this.service = service;
    }

    @GetMapping("/academie/replication")
    String runs(Model model) {
        model.addAttribute("runs", service.recentRuns(30));
        return "replication/runs";
    }

    @PostMapping("/academie/replication")
    String runNow(RedirectAttributes redirect) {
        ReplicationRun run;
        try {
            run = replication.runNow(EstablishmentAccess.currentUser().username());
        } catch (ReplicationInProgress running) {
            redirect.addFlashAttribute("warning", running.getMessage());
            return "redirect:/academie/replication";
        }
        redirect.addFlashAttribute("message", "Réplication terminée en " + run.durationMs() + " ms : " + run.establishments()
                + " établissement(s), " + run.students() + " élèves, " + run.guardians() + " responsables copiés.");
        return "redirect:/academie/replication";
    }
}
