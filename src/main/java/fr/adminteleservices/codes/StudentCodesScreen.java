package fr.adminteleservices.codes;

import static fr.adminteleservices.codes.CodePages.blank;
import static fr.adminteleservices.codes.CodePages.user;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.students.StudentDirectory;
import fr.adminteleservices.students.StudentSummary;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * « Accès des élèves » (§5, E1, E3): a side menu with « Notifier en masse » (a later feature) and « Gérer le code pour
 * un élève »: the students by division, MEF and name with whether they hold a valid CAE and whether their access to the
 * national téléservices was removed; then one student's page with the history of their CAEs and « Afficher »,
 * « Nouveau code », « Enlever l'accès » / « Rétablir l'accès ».
 *
 * <p>Every page lies under {@code /etablissements/{uai}/acces-eleves/...}: the menu's slug itself belongs to the home
 * controller.
 */
@Controller
// every page acts in the {uai} establishment: its head (or the académie) only
@PreAuthorize("@establishmentAccess.check(#uai)")
class StudentCodesScreen {

    /** The sub-pages, in the guide's order; the mass notification is not built yet. */
    static final List<CodeSections.Page> PAGES = CodeSections.STUDENTS;

    /** One line of the list: the student, gone or not, with a valid CAE or not, their access removed or not. */
    record Row(StudentSummary student, boolean left, boolean hasValidCode, boolean refused) {
    }

    private static final String BASE = "/etablissements/{uai}/acces-eleves/codes";

    private final StudentCodes codes;
    private final StudentDirectory directory;
    private final EstablishmentService establishments;
    private final Clock clock;

    private final ObjectProvider<CodeAccounts> accounts;

    StudentCodesScreen(StudentCodes codes, StudentDirectory directory, EstablishmentService establishments, Clock clock,
                        ObjectProvider<CodeAccounts> accounts) {
        this.accounts = accounts;
        this.codes = codes;
        this.directory = directory;
        this.establishments = establishments;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ the list

    /** The menu entry "Accès des élèves" leads to its only page for now. */
    @GetMapping("/etablissements/{uai}/acces-eleves")
    String menu(@PathVariable String uai) {
        return "redirect:/etablissements/" + uai + "/acces-eleves/codes";
    }

    @GetMapping(BASE)
    String list(@PathVariable String uai, @RequestParam(name = "division", required = false) String division,
                @RequestParam(name = "mef", required = false) String mef,
                @RequestParam(name = "nom", required = false) String name,
                @RequestParam(name = "partis", defaultValue = "false") boolean withLeft, Model model) {
        frame(uai, model);
        LocalDate today = LocalDate.now(clock);
        StudentCodes.AccessStates states = codes.accessStates(uai);
        Set<String> withValidCode = states.withValidCode();
        Set<String> refused = states.refused();
        String wanted = normalize(name);
        List<Row> rows = directory.students(uai, division, mef, withLeft).stream()
                .filter(s -> wanted.isEmpty() || matches(s, wanted))
                .map(s -> new Row(s, left(s, today), withValidCode.contains(s.eleveId()), refused.contains(s.eleveId())))
                .toList();
        model.addAttribute("divisions", directory.divisions(uai));
        model.addAttribute("mefs", directory.mefs(uai));
        model.addAttribute("division", blank(division) ? "" : division.strip());
        model.addAttribute("mef", blank(mef) ? "" : mef.strip());
        model.addAttribute("name", blank(name) ? "" : name.strip());
        model.addAttribute("partis", withLeft);
        model.addAttribute("rows", rows);
        return "codes/student-list";
    }

    // ------------------------------------------------------------------ one student

    @GetMapping(BASE + "/{eleveId}")
    String student(@PathVariable String uai, @PathVariable String eleveId, Model model) {
        return studentPage(uai, eleveId, model);
    }

    /** Shows one CAE's value on the page only (never in an address), and records that it was shown. */
    @PostMapping(BASE + "/{eleveId}/affichage/{codeId}")
    String reveal(@PathVariable String uai, @PathVariable String eleveId, @PathVariable long codeId, Model model) {
        CodePages.reveal(() -> codes.reveal(uai, eleveId, codeId, user()), codeId, model);
        return studentPage(uai, eleveId, model);
    }

    /** « Nouveau code »: while the student holds a valid CAE, the head first confirms that it will stop working. */
    @PostMapping(BASE + "/{eleveId}/nouveau-code")
    String newCode(@PathVariable String uai, @PathVariable String eleveId,
                   @RequestParam(name = "confirmation", required = false) String confirmation, Model model,
                   RedirectAttributes redirect) {
        StudentCodes.StudentView student = view(uai, eleveId);
        return CodePages.newCode(student.present() && student.hasValidCode(), confirmation, () -> {
            CodeHistoryEntry created = codes.newCode(uai, eleveId, user());
            return "Un nouveau code d'activation a été créé pour l'élève (" + created.maskedValue() + ") ; "
                    + CodePages.usableFrom(created)
                    + (student.hasValidCode() ? " L'ancien code est invalidé : l'élève devra saisir le nouveau code dans son "
                    + "compte existant." : "");
        }, studentUrl(uai, eleveId), () -> studentPage(uai, eleveId, model), model, redirect);
    }

    /** « Enlever l'accès » on a refusal coupon « pour l'élève »: no national téléservices; the CAE stays valid. */
    @PostMapping(BASE + "/{eleveId}/refus")
    String refuse(@PathVariable String uai, @PathVariable String eleveId, Model model, RedirectAttributes redirect) {
        StudentCodes.StudentView student = view(uai, eleveId);
        if (student.refused()) {
            redirect.addFlashAttribute("message", "L'accès de l'élève aux téléservices nationaux était déjà enlevé : rien n'a changé.");
            return "redirect:" + studentUrl(uai, eleveId);
        }
        return CodePages.act(() -> {
            codes.refuse(uai, eleveId, user());
            return "L'accès de l'élève aux téléservices nationaux est enlevé (coupon réponse « pour l'élève ») : les liens "
                    + "disparaîtront de son portail après la copie de la nuit. Son code d'activation reste valide pour l'ENT et "
                    + "les applications académiques.";
        }, studentUrl(uai, eleveId), () -> studentPage(uai, eleveId, model), model, redirect);
    }

    @PostMapping(BASE + "/{eleveId}/retablissement")
    String withdrawRefusal(@PathVariable String uai, @PathVariable String eleveId, Model model, RedirectAttributes redirect) {
        StudentCodes.StudentView student = view(uai, eleveId);
        if (!student.refused()) {
            redirect.addFlashAttribute("message", "L'accès de l'élève aux téléservices nationaux n'était pas enlevé : rien n'a changé.");
            return "redirect:" + studentUrl(uai, eleveId);
        }
        return CodePages.act(() -> {
            codes.withdrawRefusal(uai, eleveId, user());
            return "L'accès de l'élève aux téléservices nationaux est rétabli : les liens réapparaîtront sur son portail "
                    + "après la copie de la nuit. Son code d'activation est inchangé.";
        }, studentUrl(uai, eleveId), () -> studentPage(uai, eleveId, model), model, redirect);
    }

    private String studentPage(String uai, String eleveId, Model model) {
        frame(uai, model);
        StudentCodes.StudentView student = view(uai, eleveId);
        StudentSummary summary = directory.student(uai, eleveId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Élève inconnu"));
        model.addAttribute("student", student);
        model.addAttribute("summary", summary);
        model.addAttribute("studentName", CodePages.join(student.lastName(), student.firstName()));
        model.addAttribute("history", codes.history(uai, eleveId));
        // « Compte téléservice »: the last account known for these codes, if any
        model.addAttribute("account", accounts.stream().flatMap(a -> a.ofStudent(uai, eleveId).stream()).findFirst().orElse(null));
        return "codes/student-codes";
    }

    // ------------------------------------------------------------------ common

    /** What every page shows around its content: the establishment's menu and the side menu. */
    private void frame(String uai, Model model) {
        model.addAttribute("establishment", establishments.get(uai));
        model.addAttribute("active", "eleves-acces");
        model.addAttribute("pages", PAGES);
        model.addAttribute("page", PAGES.get(1));
    }

    private StudentCodes.StudentView view(String uai, String eleveId) {
        return CodePages.holder(() -> codes.student(uai, eleveId));
    }

    private static boolean left(StudentSummary s, LocalDate today) {
        return s.leftOn() != null && !s.leftOn().isAfter(today);
    }

    /** The typed text starts the last name, the first name, or « nom prénom », accents and case aside. */
    private static boolean matches(StudentSummary s, String wanted) {
        String last = normalize(s.lastName());
        String first = normalize(s.firstName());
        return last.startsWith(wanted) || first.startsWith(wanted) || (last + " " + first).startsWith(wanted)
                || (first + " " + last).startsWith(wanted);
    }

    private static String normalize(String s) {
        if (s == null) {
            return "";
        }
        return Normalizer.normalize(s.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "").replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
    }

    private static String studentUrl(String uai, String eleveId) {
        return "/etablissements/" + uai + "/acces-eleves/codes/" + eleveId;
    }
}
