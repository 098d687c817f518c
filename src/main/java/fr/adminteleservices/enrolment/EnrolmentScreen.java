package fr.adminteleservices.enrolment;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The establishment's « Téléinscription » menu (§7): for a participating lycée, the options of each MEF of
 * seconde GT (§7.1) and the completed enrolments; for a participating collège of origin, the follow-up of its
 * students' enrolments (§7.2), read at each view.
 */
@Controller
class EnrolmentScreen {

    private final Teleinscription teleinscription;

    EnrolmentScreen(Teleinscription teleinscription) {
        this.teleinscription = teleinscription;
    }

    @GetMapping("/etablissements/{uai}/teleinscription")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String show(@PathVariable String uai, Model model) {
        Teleinscription.EstablishmentView view = teleinscription.view(uai);
        model.addAttribute("view", view);
        model.addAttribute("establishment", view.establishment());
        model.addAttribute("categories", OptionCategory.values());
        model.addAttribute("states", EnrolmentState.values());
        model.addAttribute("active", "teleinscription");
        return "enrolment/establishment";
    }
}
