package fr.adminteleservices.opening;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.security.EstablishmentAccess;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * « Ouverture / fermeture » (§3.1): until the establishment has declared that it uses the téléservices,
 * the welcome page with that single choice (O1); then every service of the catalogue with its state and
 * a button to open or close it (O2, O5).
 */
@Controller
class OpeningScreen {

    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final ServiceOpening opening;
    private final EstablishmentService establishments;
    private final Clock clock;

    OpeningScreen(ServiceOpening opening, EstablishmentService establishments, Clock clock) {
        this.opening = opening;
        this.establishments = establishments;
        this.clock = clock;
    }

    @GetMapping("/etablissements/{uai}/ouverture")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String page(@PathVariable String uai, Model model) {
        return render(uai, model);
    }

    @PostMapping("/etablissements/{uai}/ouverture/declaration")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String declare(@PathVariable String uai, RedirectAttributes redirect) {
        opening.declare(uai, EstablishmentAccess.currentUser().username());
        redirect.addFlashAttribute("message", "L'établissement utilise désormais les téléservices. Ouvrez maintenant "
                + "ceux que vous souhaitez proposer aux familles.");
        return "redirect:/etablissements/" + uai + "/ouverture";
    }

    @PostMapping("/etablissements/{uai}/ouverture/{code:[A-Z][A-Z0-9_]+}")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String setOpen(@PathVariable String uai, @PathVariable String code, @RequestParam(name = "open", required = false) Boolean open,
                   Model model, RedirectAttributes redirect) {
        if (open == null) {
            model.addAttribute("error", "Indiquez s'il faut ouvrir ou fermer le téléservice.");
            return render(uai, model);
        }
        try {
            ServiceState state = opening.setOpen(uai, code, open, EstablishmentAccess.currentUser().username());
            String from = FRENCH_DATE.format(LocalDate.now(clock).plusDays(1));
            redirect.addFlashAttribute("message", open
                    ? "Le téléservice « " + state.label() + " » est ouvert. Les responsables et les élèves le verront à partir du "
                    + from + " (réplication de la nuit)."
                    : !state.offered()
                    ? "Le téléservice « " + state.label() + " » est fermé par l'académie ; votre choix est enregistré : il restera "
                    + "fermé dans l'établissement quand l'académie le rouvrira, jusqu'à ce que vous l'ouvriez."
                    : "Le téléservice « " + state.label() + " » est fermé à partir du " + from + ". Son paramétrage est conservé : "
                    + "il sera de nouveau proposé à la réouverture.");
            return "redirect:/etablissements/" + uai + "/ouverture";
        } catch (ServiceChangeRefused e) {
            model.addAttribute("error", e.getMessage());
            return render(uai, model);
        }
    }

    private String render(String uai, Model model) {
        model.addAttribute("establishment", establishments.get(uai));
        model.addAttribute("active", "ouverture");
        model.addAttribute("services", opening.states(uai));
        return opening.declaredAt(uai).isEmpty() ? "opening/welcome" : "opening/services";
    }
}
