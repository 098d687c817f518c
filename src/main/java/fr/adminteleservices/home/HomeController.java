package fr.adminteleservices.home;

import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.security.EstablishmentAccess;
import fr.adminteleservices.security.TeleservicesUser;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.students.Population;
import fr.adminteleservices.students.StudentDirectory;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

@Controller
class HomeController {

    private final EstablishmentService establishments;
    private final StudentDirectory students;
    private final SiecleImportService imports;
    private final ServiceOpening opening;

    HomeController(EstablishmentService establishments, StudentDirectory students, SiecleImportService imports,
                   ServiceOpening opening) {
        this.establishments = establishments;
        this.students = students;
        this.imports = imports;
        this.opening = opening;
    }

    @GetMapping("/login")
    String login() {
        return "home/login";
    }

    /** A head lands on their establishment; an académie administrator on the list of establishments. */
    @GetMapping("/")
    String home(Model model) {
        TeleservicesUser user = EstablishmentAccess.currentUser();
        if (user != null && !user.academyAdmin() && user.homeEstablishment() != null) {
            return "redirect:/etablissements/" + user.homeEstablishment();
        }
        String academy = establishments.defaultAcademyCode();
        Map<String, Population> populations = students.populations(academy);
        model.addAttribute("establishments", establishments.ofAcademy(academy).stream()
                .map(e -> new EstablishmentLine(e, populations.getOrDefault(e.uai(), new Population(0, 0, 0, 0, 0)))).toList());
        model.addAttribute("academy", establishments.academy(academy).orElse(null));
        model.addAttribute("schoolYear", establishments.currentSchoolYear(academy).orElse(null));
        return "home/academy";
    }

    record EstablishmentLine(Establishment establishment, Population population) {
    }

    @GetMapping("/etablissements/{uai}")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String establishment(@PathVariable String uai, Model model) {
        Establishment e = establishments.get(uai);
        // O1: until the establishment has declared that it uses the téléservices, its first screen is the welcome page
        if (opening.declaredAt(uai).isEmpty()) {
            return "redirect:/etablissements/" + uai + "/ouverture";
        }
        // O3: the same states as « Ouverture / fermeture », read-only
        model.addAttribute("services", opening.states(uai));
        model.addAttribute("establishment", e);
        model.addAttribute("population", students.population(uai));
        model.addAttribute("lastImport", imports.recentImports(uai).stream().findFirst().orElse(null));
        model.addAttribute("schoolYear", establishments.currentSchoolYear(e.academyCode()).orElse(null));
        model.addAttribute("active", "accueil");
        return "home/establishment";
    }

}
