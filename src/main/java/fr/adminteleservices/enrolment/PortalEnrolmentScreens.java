package fr.adminteleservices.enrolment;

import fr.adminteleservices.accounts.Accounts;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The guardian's téléinscription on the portal: one page per assignment that shows the current step of
 * {@code processes/teleinscription.bpmn}. Under {@code /portail/}, so only a signed-in portal account gets
 * here; an assignment of a child the account does not reach is a bare 403.
 */
@Controller
class PortalEnrolmentScreens {

    private final Accounts accounts;
    private final OnlineEnrolment enrolment;

    PortalEnrolmentScreens(Accounts accounts, OnlineEnrolment enrolment) {
        this.accounts = accounts;
        this.enrolment = enrolment;
    }

    /** Nothing of the child in the answer: only the status. */
    static final class NotReached extends RuntimeException {
    }

    @ExceptionHandler(NotReached.class)
    void refused(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_FORBIDDEN);
    }

    @GetMapping("/portail/teleinscription/{id}")
    String show(@PathVariable long id, Model model) {
        Accounts.PortalAccount account = account();
        return page(model, account, enrolment.of(account.id(), id).orElseThrow(NotReached::new), Map.of());
    }

    @PostMapping("/portail/teleinscription/{id}/commencer")
    String start(@PathVariable long id, RedirectAttributes redirect) {
        Accounts.PortalAccount account = account();
        enrolment.of(account.id(), id).orElseThrow(NotReached::new);
        try {
            enrolment.start(account.id(), id);
        } catch (EnrolmentRefused e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/portail/teleinscription/" + id;
    }

    @PostMapping("/portail/teleinscription/{id}/options")
    String choose(@PathVariable long id, @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        Accounts.PortalAccount account = account();
        OnlineEnrolment.Enrolment current = enrolment.of(account.id(), id).orElseThrow(NotReached::new);
        Map<String, String> chosen = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith("choix-")) {
                chosen.put(k.substring("choix-".length()), v);
            }
        });
        try {
            Map<String, String> errors = enrolment.choose(account.id(), id, chosen);
            if (!errors.isEmpty()) {
                model.addAttribute("typed", chosen);
                return page(model, account, current, errors);
            }
        } catch (EnrolmentRefused e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/portail/teleinscription/" + id;
    }

    @PostMapping("/portail/teleinscription/{id}/confirmation")
    String confirm(@PathVariable long id, @RequestParam(name = "decision", defaultValue = "") String decision,
                   RedirectAttributes redirect) {
        Accounts.PortalAccount account = account();
        enrolment.of(account.id(), id).orElseThrow(NotReached::new);
        try {
            enrolment.confirm(account.id(), id, "confirmer".equals(decision));
            if ("confirmer".equals(decision)) {
                redirect.addFlashAttribute("message", "L'inscription est enregistrée : le lycée a reçu vos choix.");
            }
        } catch (EnrolmentRefused e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/portail/teleinscription/" + id;
    }

    private String page(Model model, Accounts.PortalAccount account, OnlineEnrolment.Enrolment e, Map<String, String> errors) {
        model.addAttribute("account", account);
        model.addAttribute("enrolment", e);
        model.addAttribute("errors", errors);
        if (!model.containsAttribute("typed")) {
            model.addAttribute("typed", e.chosen());
        }
        return "enrolment/portal";
    }

    private Accounts.PortalAccount account() {
        return accounts.signedIn().orElseThrow(() -> new IllegalStateException("No portal account signed in"));
    }
}
