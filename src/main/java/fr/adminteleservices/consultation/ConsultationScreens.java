package fr.adminteleservices.consultation;

import fr.adminteleservices.accounts.Accounts;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The portal's pages of one child: grades, absences, LPC validations. Under {@code /portail/}, so only
 * a signed-in portal account gets here (PortalSecurity); a child not in the account gets a bare 403.
 */
@Controller
class ConsultationScreens {

    private final Accounts accounts;
    private final Consultations consultations;
    private final RenderedLines lines;

    ConsultationScreens(Accounts accounts, Consultations consultations, RenderedLines lines) {
        this.accounts = accounts;
        this.consultations = consultations;
        this.lines = lines;
    }

    @GetMapping("/portail/eleves/{uai}/{studentId}/notes")
    String grades(@PathVariable String uai, @PathVariable long studentId, Model model) {
        Accounts.PortalAccount account = account();
        return show(model, account, consultations.grades(account, uai, studentId));
    }

    @GetMapping("/portail/eleves/{uai}/{studentId}/absences")
    String absences(@PathVariable String uai, @PathVariable long studentId, Model model) {
        Accounts.PortalAccount account = account();
        return show(model, account, consultations.absences(account, uai, studentId));
    }

    @GetMapping("/portail/eleves/{uai}/{studentId}/livret")
    String lpc(@PathVariable String uai, @PathVariable long studentId, Model model) {
        Accounts.PortalAccount account = account();
        return show(model, account, consultations.lpcValidations(account, uai, studentId));
    }

    /** Nothing of the child in the answer: no name, no establishment, only the status. */
    @ExceptionHandler(ChildNotReached.class)
    void refused(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_FORBIDDEN);
    }

    private String show(Model model, Accounts.PortalAccount account, Consultations.Page<?> page) {
        model.addAttribute("account", account);
        model.addAttribute("page", page);
        model.addAttribute("child", page.child());
        model.addAttribute("lines", lines.of(page));
        return "portal/consultation/" + page.service().path();
    }

    private Accounts.PortalAccount account() {
        return accounts.signedIn().orElseThrow(() -> new IllegalStateException("No portal account signed in"));
    }
}
