package fr.adminteleservices.siecle;

import fr.adminteleservices.establishment.EstablishmentService;
import java.security.Principal;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.http.HttpStatus;

/** « Importer les exports SIECLE »: the upload form, the list of past imports and each report. */
@Controller
class SiecleImportScreen {

    private final SiecleImportService imports;
    private final EstablishmentService establishments;

    SiecleImportScreen(SiecleImportService imports, EstablishmentService establishments) {
        this.imports = imports;
        this.establishments = establishments;
    }

    @GetMapping("/etablissements/{uai}/imports")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String form(@PathVariable String uai, Model model) {
        model.addAttribute("establishment", establishments.get(uai));
        model.addAttribute("imports", imports.recentImports(uai));
        model.addAttribute("awaiting", imports.awaitingConfirmation(uai));
        model.addAttribute("active", "imports");
        return "siecle/imports";
    }

    @PostMapping("/etablissements/{uai}/imports")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String upload(@PathVariable String uai, @RequestParam(name = "files", required = false) List<MultipartFile> files,
                  Principal user, Model model) {
        model.addAttribute("establishment", establishments.get(uai));
        model.addAttribute("active", "imports");
        try {
            ImportReport report = imports.importExports(uai, SiecleUploads.of(files), user.getName());
            return "redirect:/etablissements/" + uai + "/imports/" + report.importId();
        } catch (SiecleFormatException | ImportClaims.ImportRunningException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("imports", imports.recentImports(uai));
            model.addAttribute("awaiting", imports.awaitingConfirmation(uai));
            return "siecle/imports";
        }
    }

    @PostMapping("/etablissements/{uai}/imports/{importId}/confirmation")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String confirm(@PathVariable String uai, @PathVariable String importId, Principal user) {
        return answered(uai, importId, () -> imports.confirm(uai, importId, user.getName()));
    }

    @PostMapping("/etablissements/{uai}/imports/{importId}/annulation")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String cancel(@PathVariable String uai, @PathVariable String importId, Principal user) {
        return answered(uai, importId, () -> imports.cancel(uai, importId, user.getName()));
    }

    private static String answered(String uai, String importId, Runnable answer) {
        try {
            answer.run();
        } catch (SiecleImportService.ImportDecidedException alreadyAnswered) {
            // answered meanwhile (another head, Tasklist, the timer): the page says how
        }
        return "redirect:/etablissements/" + uai + "/imports/" + importId;
    }

    @GetMapping("/etablissements/{uai}/imports/{importId}")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String report(@PathVariable String uai, @PathVariable String importId, Model model) {
        model.addAttribute("establishment", establishments.get(uai));
        model.addAttribute("report", imports.report(uai, importId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Import inconnu")));
        model.addAttribute("active", "imports");
        return "siecle/report";
    }
}
