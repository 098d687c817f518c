package fr.adminteleservices.enrolment;

import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentKind;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.security.EstablishmentAccess;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * « Téléinscription » of the académie (SIECLE Administration's settings in the guide): the day the
 * assignment results are published (I1), the establishments taking part, and the upload of the results.
 */
@Controller
@PreAuthorize("hasRole('ACADEMY_ADMIN')")
class AcademyEnrolmentScreen {

    private final Teleinscription teleinscription;
    private final AssignmentResults results;
    private final EstablishmentService establishments;

    AcademyEnrolmentScreen(Teleinscription teleinscription, AssignmentResults results, EstablishmentService establishments) {
        this.teleinscription = teleinscription;
        this.results = results;
        this.establishments = establishments;
    }

    @GetMapping("/academie/teleinscription")
    String show(Model model) {
        return page(model);
    }

    @PostMapping("/academie/teleinscription")
    String configure(@RequestParam(name = "publication", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate publication,
                     @RequestParam(name = "participants", required = false) List<String> participants,
                     Model model, RedirectAttributes redirect) {
        String academy = establishments.defaultAcademyCode();
        try {
            teleinscription.configure(academy, publication, participants == null ? List.of() : participants,
                    EstablishmentAccess.currentUser().username());
            redirect.addFlashAttribute("message", "Les paramètres de la téléinscription sont enregistrés.");
            return "redirect:/academie/teleinscription";
        } catch (EnrolmentRefused e) {
            model.addAttribute("error", e.getMessage());
            return page(model);
        }
    }

    @PostMapping("/academie/teleinscription/affectations")
    String upload(@RequestParam(name = "fichier", required = false) MultipartFile file, Model model) throws IOException {
        String academy = establishments.defaultAcademyCode();
        try {
            if (file == null || file.isEmpty()) {
                throw new EnrolmentRefused("Choisissez le fichier des résultats de l'affectation (CSV).");
            }
            model.addAttribute("report", results.importCsv(academy, file.getBytes()));
            model.addAttribute("fileName", file.getOriginalFilename());
        } catch (EnrolmentRefused e) {
            model.addAttribute("uploadError", e.getMessage());
        }
        return page(model);
    }

    private String page(Model model) {
        String academy = establishments.defaultAcademyCode();
        List<Establishment> all = establishments.ofAcademy(academy);
        model.addAttribute("window", teleinscription.window(academy));
        model.addAttribute("schoolYear", teleinscription.currentYear(academy));
        model.addAttribute("participants", teleinscription.participants(academy));
        model.addAttribute("lycees", all.stream().filter(e -> e.kind() == EstablishmentKind.LYCEE).toList());
        model.addAttribute("colleges", all.stream().filter(e -> e.kind() == EstablishmentKind.COLLEGE).toList());
        model.addAttribute("assignments", teleinscription.assignmentCount(academy));
        model.addAttribute("columns", String.join(";", AssignmentResults.COLUMNS));
        return "enrolment/academy";
    }
}
