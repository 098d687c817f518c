package fr.adminteleservices.accounts;

import fr.adminteleservices.security.EstablishmentAccess;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * « Réinitialiser le mot de passe » of the « Compte téléservice » panel (C4, E4), on screen and through
 * the API; only for an account created with a code of the head's establishment, and not while provisional.
 */
@Controller
class AccountAdminScreens {

    private final Accounts accounts;

    AccountAdminScreens(Accounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/etablissements/{uai}/comptes/{accountId}/reinitialisation")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String reset(@PathVariable String uai, @PathVariable long accountId, @RequestParam(name = "retour") String back,
                 RedirectAttributes redirect) {
        String safeBack = safeBack(uai, back);
        try {
            accounts.resetRequestedByHead(uai, accountId, user());
            redirect.addFlashAttribute("message", "Un courriel avec un lien pour choisir un nouveau mot de passe est envoyé au "
                    + "titulaire du compte ; son mot de passe actuel reste valable d'ici là.");
        } catch (AccountRefused refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:" + safeBack;
    }

    @PostMapping("/etablissements/{uai}/comptes/{accountId}/confirmation")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String resendConfirmation(@PathVariable String uai, @PathVariable long accountId, @RequestParam(name = "retour") String back,
                              RedirectAttributes redirect) {
        String safeBack = safeBack(uai, back);
        try {
            accounts.resendConfirmationByHead(uai, accountId);
            redirect.addFlashAttribute("message", "Un nouveau lien de confirmation est envoyé à l'adresse du compte ; il remplace "
                    + "le précédent.");
        } catch (AccountRefused refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        } catch (fr.adminteleservices.mail.MailUnavailable down) {
            redirect.addFlashAttribute("error", "Le serveur de messagerie ne répond pas : réessayez dans quelques minutes.");
        }
        return "redirect:" + safeBack;
    }

    @PostMapping("/api/establishments/{uai}/accounts/{accountId}/confirmation-link")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @ResponseBody
    @Operation(summary = "Renvoie au titulaire d'un compte provisoire un nouveau lien de confirmation (remplace le précédent) ; 409 s'il est confirmé")
    ResponseEntity<Map<String, Object>> resendConfirmationApi(@PathVariable String uai, @PathVariable long accountId) {
        try {
            accounts.resendConfirmationByHead(uai, accountId);
            return ResponseEntity.accepted().body(Map.of("accountId", accountId));
        } catch (AccountRefused refused) {
            HttpStatus status = refused.getMessage().contains("n'existe pas") ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
            return ResponseEntity.status(status).body(Map.of("status", status.value(), "message", refused.getMessage()));
        }
    }

    @PostMapping("/api/establishments/{uai}/accounts/{accountId}/password-reset")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @ResponseBody
    @Operation(summary = "Envoie au titulaire d'un compte un lien pour choisir un nouveau mot de passe (C4, E4) ; 409 si le compte est provisoire")
    ResponseEntity<Map<String, Object>> resetApi(@PathVariable String uai, @PathVariable long accountId) {
        try {
            accounts.resetRequestedByHead(uai, accountId, user());
            return ResponseEntity.accepted().body(Map.of("accountId", accountId));
        } catch (AccountRefused refused) {
            HttpStatus status = refused.errors().containsKey("account") && refused.getMessage().contains("n'existe pas")
                    ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
            return ResponseEntity.status(status).body(Map.of("status", status.value(), "message", refused.getMessage()));
        }
    }

    /** Back to the page the button is on, never elsewhere. */
    private static String safeBack(String uai, String back) {
        return back.startsWith("/etablissements/" + uai + "/") && !back.contains("//") ? back : "/etablissements/" + uai;
    }

    private static String user() {
        var u = EstablishmentAccess.currentUser();
        return u == null ? null : u.username();
    }
}
