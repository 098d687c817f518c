package fr.adminteleservices.accounts;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The parents' and students' portal (§1.2, §4.3): log-in, account creation with a code and the
 * student's birth date, the confirmation link, the home page of each child's establishment, adding a
 * child or a new code, and the forgotten password.
 */
@Controller
class PortalScreens {

    private final Accounts accounts;
    private final ForgottenPasswords forgottenPasswords;
    private final PortalHome home;
    private final ContactMessages contact;
    private final AccountDelays delays;

    PortalScreens(Accounts accounts, ForgottenPasswords forgottenPasswords, PortalHome home, ContactMessages contact,
                  AccountDelays delays) {
        this.delays = delays;
        this.forgottenPasswords = forgottenPasswords;
        this.accounts = accounts;
        this.home = home;
        this.contact = contact;
    }

    /** The delays the pages tell families, as the deployed processes' timers say them (« 7 jours », « 24 heures »). */
    @org.springframework.web.bind.annotation.ModelAttribute
    void delays(Model model) {
        model.addAttribute("confirmationDelay", delays.confirmation());
        model.addAttribute("withinConfirmation", delays.withinConfirmation());
        model.addAttribute("resetDelay", delays.passwordReset());
    }

    @GetMapping("/portail/accessibilite")
    String accessibility() {
        return "portal/accessibility";
    }

    @GetMapping("/portail/connexion")
    String login() {
        return "portal/login";
    }

    @GetMapping("/portail/activation")
    String activationForm(Model model) {
        model.addAttribute("errors", Map.of());
        return "portal/activation";
    }

    @PostMapping("/portail/activation")
    String activate(@RequestParam(defaultValue = "") String code,
                    @RequestParam(name = "naissance", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate birthDate,
                    @RequestParam(name = "identifiant", defaultValue = "") String username,
                    @RequestParam(name = "courriel", defaultValue = "") String email,
                    @RequestParam(name = "motdepasse", defaultValue = "") String password,
                    @RequestParam(name = "confirmation", defaultValue = "") String passwordAgain, Model model,
                    jakarta.servlet.http.HttpServletRequest request) {
        try {
            Accounts.Created created = accounts.activate(new Accounts.Activation(code, birthDate, username, email, password, passwordAgain,
                    request.getRemoteAddr()));
            model.addAttribute("created", created);
            model.addAttribute("email", email.strip());
            return "portal/activated";
        } catch (AccountRefused refused) {
            // what was typed comes back, except the code and the passwords
            model.addAttribute("errors", refused.errors());
            model.addAttribute("birthDate", birthDate);
            model.addAttribute("username", username);
            model.addAttribute("email", email);
            return "portal/activation";
        }
    }

    @GetMapping("/portail/confirmation")
    String confirm(@RequestParam(name = "jeton", defaultValue = "") String token, RedirectAttributes redirect) {
        if (accounts.confirm(token)) {
            return "redirect:/portail/connexion?confirme";
        }
        return "portal/confirmation-failed";
    }

    @GetMapping("/portail/confirmation/renvoi")
    String resendForm(Model model) {
        model.addAttribute("errors", Map.of());
        return "portal/resend";
    }

    @PostMapping("/portail/confirmation/renvoi")
    String resend(@RequestParam(defaultValue = "") String code,
                  @RequestParam(name = "naissance", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate birthDate,
                  @RequestParam(name = "courriel", defaultValue = "") String email, Model model,
                  jakarta.servlet.http.HttpServletRequest request) {
        model.addAttribute("errors", Map.of());
        model.addAttribute("birthDate", birthDate);
        model.addAttribute("email", email);
        try {
            model.addAttribute("sentTo", accounts.resendConfirmation(code, birthDate, email, request.getRemoteAddr()));
        } catch (AccountRefused refused) {
            model.addAttribute("errors", refused.errors());
        } catch (fr.adminteleservices.mail.MailUnavailable down) {
            model.addAttribute("mailDown", true);
        }
        return "portal/resend";
    }

    @GetMapping("/portail")
    String home(Model model) {
        Accounts.PortalAccount account = currentAccount();
        List<Accounts.Child> children = accounts.children(account.id());
        Map<String, Establishment> establishments = new LinkedHashMap<>();
        for (Accounts.Child child : children) {
            if (child.accessible()) {
                establishments.computeIfAbsent(child.uai(), uai -> {
                    PortalHome.EstablishmentHome e = home.findEstablishment(uai);
                    // E3: a student whose national téléservices were removed sees only the academic ones and the ENT
                    List<PortalHome.ServiceLink> services = child.nationalServicesRemoved()
                            ? home.findServices(uai).stream().filter(s -> !s.national()).toList() : home.findServices(uai);
                    return e == null ? null : new Establishment(e, services, home.findUsefulLinks(uai));
                });
            }
        }
        establishments.values().removeIf(java.util.Objects::isNull);
        model.addAttribute("account", account);
        model.addAttribute("children", children);
        model.addAttribute("establishments", establishments.values());
        return "portal/home";
    }

    /** One establishment of the account's children, as its home block shows it. */
    record Establishment(PortalHome.EstablishmentHome info, List<PortalHome.ServiceLink> services,
                         List<PortalHome.UsefulLink> links) {
    }

    @GetMapping("/portail/enfants/ajout")
    String addChildForm(Model model) {
        model.addAttribute("account", currentAccount());
        model.addAttribute("errors", Map.of());
        return "portal/add-code";
    }

    @PostMapping("/portail/enfants/ajout")
    String addChild(@RequestParam(defaultValue = "") String code,
                    @RequestParam(name = "naissance", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate birthDate,
                    Model model, RedirectAttributes redirect, jakarta.servlet.http.HttpServletRequest request) {
        Accounts.PortalAccount account = currentAccount();
        try {
            redirect.addFlashAttribute("message", accounts.addCode(account.id(), code, birthDate, request.getRemoteAddr()));
            return "redirect:/portail";
        } catch (AccountRefused refused) {
            model.addAttribute("account", account);
            model.addAttribute("errors", refused.errors());
            model.addAttribute("birthDate", birthDate);
            return "portal/add-code";
        }
    }

    // ------------------------------------------------------------------ S3 « Contacter l'établissement »

    @GetMapping("/portail/contact/{uai}")
    String contactForm(@org.springframework.web.bind.annotation.PathVariable String uai, Model model) {
        Accounts.PortalAccount account = currentAccount();
        var establishment = contact.contact(accounts, account.id(), uai)
                .orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND,
                        "Pas de lien de contact pour cet établissement."));
        model.addAttribute("account", account);
        model.addAttribute("establishmentName", establishment.name());
        model.addAttribute("uai", uai);
        model.addAttribute("errors", Map.of());
        return "portal/contact";
    }

    @PostMapping("/portail/contact/{uai}")
    String writeToEstablishment(@org.springframework.web.bind.annotation.PathVariable String uai,
                                @RequestParam(name = "objet", defaultValue = "") String subject,
                                @RequestParam(name = "message", defaultValue = "") String body, Model model, RedirectAttributes redirect) {
        Accounts.PortalAccount account = currentAccount();
        var establishment = contact.contact(accounts, account.id(), uai)
                .orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND,
                        "Pas de lien de contact pour cet établissement."));
        try {
            contact.write(account.id(), uai, subject, body);
            redirect.addFlashAttribute("message", "Votre message est envoyé à " + establishment.name()
                    + " ; vous en recevez une copie à l'adresse de votre compte.");
            return "redirect:/portail";
        } catch (AccountRefused refused) {
            model.addAttribute("account", account);
            model.addAttribute("establishmentName", establishment.name());
            model.addAttribute("uai", uai);
            model.addAttribute("errors", refused.errors());
            model.addAttribute("subject", subject);
            model.addAttribute("body", body);
            return "portal/contact";
        }
    }

    @GetMapping("/portail/mot-de-passe-oublie")
    String forgotForm() {
        return "portal/forgot";
    }

    @PostMapping("/portail/mot-de-passe-oublie")
    String forgot(@RequestParam(name = "identifiant", defaultValue = "") String usernameOrEmail, Model model,
                  jakarta.servlet.http.HttpServletRequest request) {
        forgottenPasswords.request(usernameOrEmail, request.getRemoteAddr());
        model.addAttribute("sent", true);
        return "portal/forgot";
    }

    @GetMapping("/portail/mot-de-passe")
    String resetForm(@RequestParam(name = "jeton", defaultValue = "") String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("valid", accounts.resetLinkValid(token));
        model.addAttribute("errors", Map.of());
        return "portal/reset";
    }

    @PostMapping("/portail/mot-de-passe")
    String reset(@RequestParam(name = "jeton", defaultValue = "") String token,
                 @RequestParam(name = "motdepasse", defaultValue = "") String password,
                 @RequestParam(name = "confirmation", defaultValue = "") String passwordAgain, Model model) {
        try {
            accounts.resetPassword(token, password, passwordAgain);
            return "redirect:/portail/connexion?nouveau-mot-de-passe";
        } catch (AccountRefused refused) {
            model.addAttribute("token", token);
            model.addAttribute("valid", !refused.errors().containsKey("token"));
            model.addAttribute("errors", refused.errors());
            return "portal/reset";
        }
    }

    private Accounts.PortalAccount currentAccount() {
        return accounts.signedIn().orElseThrow(() -> new IllegalStateException("No portal account signed in"));
    }
}
