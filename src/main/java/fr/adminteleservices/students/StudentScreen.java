package fr.adminteleservices.students;

import fr.adminteleservices.establishment.EstablishmentService;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** « Élèves et responsables »: students by division and MEF, with their guardians. */
@Controller
class StudentScreen {

    private final StudentDirectory directory;
    private final EstablishmentService establishments;

    StudentScreen(StudentDirectory directory, EstablishmentService establishments) {
        this.directory = directory;
        this.establishments = establishments;
    }

    @GetMapping("/etablissements/{uai}/eleves")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String list(@PathVariable String uai, @RequestParam(required = false) String division,
                @RequestParam(required = false) String mef, @RequestParam(defaultValue = "false") boolean partis,
                Model model) {
        model.addAttribute("establishment", establishments.get(uai));
        model.addAttribute("divisions", directory.divisions(uai));
        model.addAttribute("mefs", directory.mefs(uai));
        model.addAttribute("division", division);
        model.addAttribute("mef", mef);
        model.addAttribute("partis", partis);
        boolean filtered = (division != null && !division.isBlank()) || (mef != null && !mef.isBlank());
        model.addAttribute("filtered", filtered);
        if (filtered) {
            model.addAttribute("students", directory.students(uai, division, mef, partis));
            model.addAttribute("guardians", directory.guardians(uai, division, mef, null));
        }
        model.addAttribute("active", "eleves");
        return "students/list";
    }

    @GetMapping("/etablissements/{uai}/eleves/{eleveId}")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String detail(@PathVariable String uai, @PathVariable String eleveId, Model model) {
        model.addAttribute("establishment", establishments.get(uai));
        model.addAttribute("student", directory.student(uai, eleveId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Élève inconnu")));
        model.addAttribute("guardians", directory.guardians(uai, null, null, eleveId).getOrDefault(eleveId, java.util.List.of()));
        model.addAttribute("active", "eleves");
        return "students/detail";
    }
}
