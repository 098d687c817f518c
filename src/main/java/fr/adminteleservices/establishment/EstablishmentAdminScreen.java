package fr.adminteleservices.establishment;

import fr.adminteleservices.security.Directory;
import jakarta.validation.Valid;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Académie administrators register establishments and create their heads' log-ins. */
@Controller
@PreAuthorize("hasRole('ACADEMY_ADMIN')")
class EstablishmentAdminScreen {

    private final EstablishmentService establishments;
    private final Directory directory;

    EstablishmentAdminScreen(EstablishmentService establishments, Directory directory) {
        this.establishments = establishments;
        this.directory = directory;
    }

    @GetMapping("/academie/etablissements/nouveau")
    String newEstablishment(Model model) {
        model.addAttribute("form", new EstablishmentForm("", "", EstablishmentKind.COLLEGE, "", "", "", "", "", List.of(),
                EnumSet.of(SiecleModule.BASE_ELEVES)));
        return form(model);
    }

    @PostMapping("/academie/etablissements/nouveau")
    String register(@Valid @ModelAttribute("form") EstablishmentForm form, BindingResult binding, Model model,
                    RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            model.addAttribute("errors", errors(binding));
            return form(model);
        }
        try {
            Establishment e = establishments.register(form);
            redirect.addFlashAttribute("message", "L'établissement " + e.uai() + " est enregistré. Créez maintenant le compte de son chef.");
            return "redirect:/etablissements/" + e.uai() + "/chefs";
        } catch (EstablishmentConflictException e) {
            model.addAttribute("error", e.getMessage());
            return form(model);
        }
    }

    /** Field → first French message, for the form's error texts. */
    private static Map<String, String> errors(BindingResult binding) {
        Map<String, String> errors = new LinkedHashMap<>();
        binding.getFieldErrors().forEach(e -> errors.putIfAbsent(e.getField().replaceAll("\\[.*", ""),
                e.getDefaultMessage() == null ? "Valeur invalide." : e.getDefaultMessage()));
        return errors;
    }

    private String form(Model model) {
        model.addAttribute("kinds", EstablishmentKind.values());
        model.addAttribute("modules", SiecleModule.values());
        return "establishment/new";
    }

    @GetMapping("/etablissements/{uai}/chefs")
    String heads(@PathVariable String uai, Model model) {
        model.addAttribute("form", new HeadAccountForm("chef." + uai, "", "", ""));
        return heads(uai, model, null);
    }

    @PostMapping("/etablissements/{uai}/chefs")
    String createHead(@PathVariable String uai, @Valid @ModelAttribute("form") HeadAccountForm form, BindingResult binding,
                      Model model, RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            model.addAttribute("errors", errors(binding));
            return heads(uai, model, null);
        }
        try {
            establishments.createHead(uai, form);
            redirect.addFlashAttribute("message", "Le compte « " + form.username() + " » est créé.");
            return "redirect:/etablissements/" + uai + "/chefs";
        } catch (EstablishmentConflictException e) {
            return heads(uai, model, e.getMessage());
        }
    }

    private String heads(String uai, Model model, String error) {
        model.addAttribute("establishment", establishments.get(uai));
        model.addAttribute("heads", directory.headsOf(uai));
        model.addAttribute("error", error);
        return "establishment/heads";
    }
}
