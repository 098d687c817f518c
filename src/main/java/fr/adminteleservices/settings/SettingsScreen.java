package fr.adminteleservices.settings;

import fr.adminteleservices.catalogue.Catalogue;
import fr.adminteleservices.catalogue.Ent;
import fr.adminteleservices.catalogue.NationalService;
import fr.adminteleservices.establishment.ChangeLog;
import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.security.EstablishmentAccess;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * « Paramétrage » (§3.2): a side menu of sub-pages, each a form saved through {@link SettingsService}; every
 * change applies from the next day (R2), refusals come back next to their field with the user's input kept.
 */
@Controller
class SettingsScreen {

    /** The sub-pages, in the guide's order. */
    static final List<SubPage> PAGES = List.of(
            new SubPage("accueil", "Message d'accueil"),
            new SubPage("courrier", "ENT et courrier de notification"),
            new SubPage("contact", "Lien de contact établissement"),
            new SubPage("liens", "Liens utiles"),
            new SubPage("notes", "Consultation des notes"),
            new SubPage("lpc", "Consultation du LPC"),
            new SubPage("historique", "Historique des modifications"));

    record SubPage(String slug, String label) {
    }

    /** One division of the due-dates table; {@code date} is what the date field holds (yyyy-MM-dd). */
    record DivisionRow(String mef, String division, String date) {
    }

    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final String BASE = "/etablissements/{uai}/parametrage";

    private final SettingsService settings;
    private final EstablishmentService establishments;
    private final Catalogue catalogue;
    private final ServiceOpening opening;
    private final ChangeLog changes;

    SettingsScreen(SettingsService settings, EstablishmentService establishments, Catalogue catalogue, ServiceOpening opening,
                   ChangeLog changes) {
        this.settings = settings;
        this.establishments = establishments;
        this.catalogue = catalogue;
        this.opening = opening;
        this.changes = changes;
    }

    @GetMapping(BASE)
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String first(@PathVariable String uai) {
        establishments.get(uai);
        return "redirect:/etablissements/" + uai + "/parametrage/" + PAGES.get(0).slug();
    }

    // ------------------------------------------------------------------ S1 message d'accueil

    @GetMapping(BASE + "/accueil")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String welcome(@PathVariable String uai, Model model) {
        Settings current = frame(uai, "accueil", model);
        String saved = WelcomeMessage.clean(current.welcomeMessage());
        return welcomePage(model, saved, false);
    }

    @PostMapping(BASE + "/accueil")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String saveWelcome(@PathVariable String uai, @RequestParam(name = "welcomeMessage", required = false) String html,
                       @RequestParam(name = "action", required = false) String action, Model model,
                       RedirectAttributes redirect) {
        String typed = html == null ? "" : html;
        // what parents would see: the editor is reloaded with it, so what is shown is what is saved
        String cleaned = WelcomeMessage.clean(typed);
        if ("preview".equals(action)) {
            frame(uai, "accueil", model);
            int length = WelcomeMessage.textLength(cleaned);
            if (length > WelcomeMessage.MAX_TEXT_LENGTH) {
                model.addAttribute("errors", Map.of("welcomeMessage",
                        "Le message d'accueil compte " + length + " caractères : 1 000 au plus. Raccourcissez-le avant de l'enregistrer."));
            }
            return welcomePage(model, cleaned, true);
        }
        return save(uai, "accueil", SettingsUpdate.welcomeMessage(typed), model, redirect,
                "Le message d'accueil est enregistré.", () -> welcomePage(model, cleaned, true));
    }

    private String welcomePage(Model model, String draft, boolean unsaved) {
        model.addAttribute("draft", draft);
        model.addAttribute("preview", draft);
        model.addAttribute("previewUnsaved", unsaved);
        model.addAttribute("previewLength", WelcomeMessage.textLength(draft));
        model.addAttribute("maxLength", WelcomeMessage.MAX_TEXT_LENGTH);
        return "settings/page";
    }

    // ------------------------------------------------------------------ S2 ENT et courrier

    @GetMapping(BASE + "/courrier")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String letter(@PathVariable String uai, Model model) {
        Settings current = frame(uai, "courrier", model);
        return letterPage(uai, model, current.letterType().name(), current.entId() == null ? "" : current.entId().toString(),
                current.entId());
    }

    @PostMapping(BASE + "/courrier")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String saveLetter(@PathVariable String uai, @RequestParam(name = "letterType", required = false) String letterType,
                      @RequestParam(name = "entId", required = false) String entId, Model model, RedirectAttributes redirect) {
        Supplier<String> again = () -> letterPage(uai, model, letterType, entId, settings.latest(uai).entId());
        LetterType type = parse(LetterType.class, letterType);
        Long ent = parseLong(entId);
        Map<String, String> errors = new LinkedHashMap<>();
        if (type == null) {
            errors.put("letterType", "Choisissez le type de courrier.");
        }
        if (type != null && type.needsEnt() && ent == null && entId != null && !entId.isBlank()) {
            errors.put("entId", "Choisissez l'ENT de l'établissement dans la liste.");
        }
        if (!errors.isEmpty()) {
            frame(uai, "courrier", model);
            model.addAttribute("errors", errors);
            return again.get();
        }
        return save(uai, "courrier", SettingsUpdate.letter(type, ent), model, redirect,
                "Le type de courrier est enregistré : « " + type.label() + " ».", again);
    }

    private String letterPage(String uai, Model model, String letterType, String entId, Long savedEntId) {
        Establishment e = establishments.get(uai);
        List<Ent> ents = catalogue.ents(e.academyCode());
        model.addAttribute("letterTypes", LetterType.values());
        model.addAttribute("ents", ents);
        model.addAttribute("letterType", letterType);
        model.addAttribute("entId", entId);
        model.addAttribute("entRemoved", savedEntId != null && ents.stream().noneMatch(x -> x.id() == savedEntId));
        model.addAttribute("teleservicesUrl", catalogue.teleservicesUrl(e.academyCode()));
        return "settings/page";
    }

    // ------------------------------------------------------------------ S3 lien de contact

    @GetMapping(BASE + "/contact")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String contact(@PathVariable String uai, Model model) {
        Settings current = frame(uai, "contact", model);
        return contactPage(model, current.contactEmail(), current.contactActive());
    }

    @PostMapping(BASE + "/contact")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String saveContact(@PathVariable String uai, @RequestParam(name = "contactEmail", required = false) String email,
                       @RequestParam(name = "contactActive", required = false) String active, Model model,
                       RedirectAttributes redirect) {
        boolean isActive = "true".equals(active);
        return save(uai, "contact", SettingsUpdate.contact(email == null ? "" : email, isActive), model, redirect,
                isActive ? "Le lien de contact est actif : les responsables verront « Contacter l'établissement »."
                        : "Le lien de contact est désactivé.",
                () -> contactPage(model, email, isActive));
    }

    private String contactPage(Model model, String email, boolean active) {
        model.addAttribute("contactEmail", email);
        model.addAttribute("contactActive", active);
        return "settings/page";
    }

    // ------------------------------------------------------------------ S4 liens utiles

    @GetMapping(BASE + "/liens")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String links(@PathVariable String uai, Model model) {
        Settings current = frame(uai, "liens", model);
        List<UsefulLink> rows = new ArrayList<>(current.usefulLinks());
        if (rows.isEmpty()) {
            rows.add(new UsefulLink("", ""));
        }
        return linksPage(model, rows, false, null);
    }

    @PostMapping(BASE + "/liens")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String saveLinks(@PathVariable String uai, @RequestParam(name = "title", required = false) List<String> titles,
                     @RequestParam(name = "url", required = false) List<String> urls,
                     @RequestParam(name = "op", required = false) String op, Model model, RedirectAttributes redirect) {
        List<UsefulLink> rows = rows(titles, urls);
        String operation = op == null ? "save" : op;
        if (!operation.equals("save")) {
            frame(uai, "liens", model);
            Integer focus = edit(rows, operation);
            return linksPage(model, rows, true, focus);
        }
        List<UsefulLink> kept = rows.stream().filter(l -> !(l.title().isBlank() && l.url().isBlank())).toList();
        return save(uai, "liens", SettingsUpdate.usefulLinks(kept), model, redirect,
                kept.isEmpty() ? "Les liens utiles sont enregistrés : aucun lien." : "Les liens utiles sont enregistrés (" + kept.size() + ").",
                () -> linksPage(model, rows.isEmpty() ? new ArrayList<>(List.of(new UsefulLink("", ""))) : rows, true, null));
    }

    /** Applies add, remove-N, up-N or down-N to the rows; returns the row to focus, if any. */
    private static Integer edit(List<UsefulLink> rows, String op) {
        if (op.equals("add")) {
            if (rows.size() < SettingsService.MAX_USEFUL_LINKS) {
                rows.add(new UsefulLink("", ""));
            }
            return rows.size() - 1;
        }
        int dash = op.indexOf('-');
        int i;
        try {
            i = dash < 0 ? -1 : Integer.parseInt(op.substring(dash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (i < 0 || i >= rows.size()) {
            return null;
        }
        switch (op.substring(0, dash)) {
            case "remove" -> {
                rows.remove(i);
                if (rows.isEmpty()) {
                    rows.add(new UsefulLink("", ""));
                }
                return Math.min(i, rows.size() - 1);
            }
            case "up" -> {
                if (i > 0) {
                    Collections.swap(rows, i, i - 1);
                    return i - 1;
                }
                return i;
            }
            case "down" -> {
                if (i < rows.size() - 1) {
                    Collections.swap(rows, i, i + 1);
                    return i + 1;
                }
                return i;
            }
            default -> {
                return null;
            }
        }
    }

    private static List<UsefulLink> rows(List<String> titles, List<String> urls) {
        List<String> t = titles == null ? List.of() : titles;
        List<String> u = urls == null ? List.of() : urls;
        List<UsefulLink> rows = new ArrayList<>();
        for (int i = 0; i < Math.max(t.size(), u.size()); i++) {
            rows.add(new UsefulLink(i < t.size() && t.get(i) != null ? t.get(i) : "", i < u.size() && u.get(i) != null ? u.get(i) : ""));
        }
        return rows;
    }

    private String linksPage(Model model, List<UsefulLink> rows, boolean unsaved, Integer focus) {
        model.addAttribute("rows", rows);
        model.addAttribute("unsaved", unsaved);
        model.addAttribute("focus", focus);
        model.addAttribute("maxLinks", SettingsService.MAX_USEFUL_LINKS);
        return "settings/page";
    }

    // ------------------------------------------------------------------ S5 consultation des notes

    @GetMapping(BASE + "/notes")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String notes(@PathVariable String uai, Model model) {
        Settings current = frame(uai, "notes", model);
        Map<String, String> dates = new LinkedHashMap<>();
        current.notesPublication().dueDates().forEach(d -> dates.put(d.division(), d.date() == null ? "" : d.date().toString()));
        return notesPage(uai, model, current.notesPublication().mode().name(), dates);
    }

    @PostMapping(BASE + "/notes")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String saveNotes(@PathVariable String uai, @RequestParam(name = "notesMode", required = false) String mode,
                     @RequestParam(name = "division", required = false) List<String> divisions,
                     @RequestParam(name = "date", required = false) List<String> dates,
                     @RequestParam(name = "confirmDueDatesLoss", required = false) String confirm, Model model,
                     RedirectAttributes redirect) {
        Map<String, String> typed = new LinkedHashMap<>();
        List<DueDate> dueDates = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> d = divisions == null ? List.of() : divisions;
        for (int i = 0; i < d.size(); i++) {
            String value = dates != null && i < dates.size() && dates.get(i) != null ? dates.get(i).strip() : "";
            typed.put(d.get(i), value);
            LocalDate date = null;
            if (!value.isEmpty()) {
                try {
                    date = LocalDate.parse(value);
                } catch (DateTimeParseException e) {
                    errors.putIfAbsent("notesPublication", "La date d'échéance de la division « " + d.get(i) + " » n'est pas une date valide "
                            + "(jj/mm/aaaa).");
                }
            }
            dueDates.add(new DueDate(null, d.get(i), date));
        }
        PublicationMode publication = parse(PublicationMode.class, mode);
        if (publication == null) {
            errors.put("notesMode", "Choisissez le type de publication.");
        }
        Supplier<String> again = () -> notesPage(uai, model, mode, typed);
        if (!errors.isEmpty()) {
            frame(uai, "notes", model);
            model.addAttribute("errors", errors);
            return again.get();
        }
        NotesPublication wanted = new NotesPublication(publication,
                publication == PublicationMode.DAILY ? List.of() : dueDates.stream().filter(x -> x.date() != null).toList());
        return save(uai, "notes", SettingsUpdate.notes(wanted, "true".equals(confirm)), model, redirect,
                "Le type de publication des notes est enregistré : « " + publication.label() + " ».", again);
    }

    private String notesPage(String uai, Model model, String mode, Map<String, String> dates) {
        boolean open = opening.isOpen(uai, NationalService.NOTES.name());
        model.addAttribute("serviceOpen", open);
        model.addAttribute("notesMode", mode);
        model.addAttribute("modes", PublicationMode.values());
        Map<String, List<DivisionRow>> byMef = new LinkedHashMap<>();
        if (open) {
            for (DueDate division : settings.divisions(uai)) {
                byMef.computeIfAbsent(division.mef() == null ? "" : division.mef(), k -> new ArrayList<>())
                        .add(new DivisionRow(division.mef(), division.division(), dates.getOrDefault(division.division(), "")));
            }
        }
        model.addAttribute("divisionsByMef", byMef);
        model.addAttribute("mefLabels", open ? settings.mefLabels(uai) : Map.of());
        establishments.currentSchoolYear(establishments.get(uai).academyCode()).ifPresent(y -> model.addAttribute("schoolYear", y));
        return "settings/page";
    }

    // ------------------------------------------------------------------ S6 consultation du LPC

    @GetMapping(BASE + "/lpc")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String lpc(@PathVariable String uai, Model model) {
        Settings current = frame(uai, "lpc", model);
        return lpcPage(uai, model, Integer.toString(current.lpcDelayDays()));
    }

    @PostMapping(BASE + "/lpc")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String saveLpc(@PathVariable String uai, @RequestParam(name = "lpcDelayDays", required = false) String days, Model model,
                   RedirectAttributes redirect) {
        Supplier<String> again = () -> lpcPage(uai, model, days);
        int delay;
        try {
            delay = Integer.parseInt(days == null ? "" : days.strip());
        } catch (NumberFormatException e) {
            frame(uai, "lpc", model);
            model.addAttribute("errors", Map.of("lpcDelayDays", "Saisissez un nombre entier de jours, de 2 à 365."));
            return again.get();
        }
        return save(uai, "lpc", SettingsUpdate.lpcDelay(delay), model, redirect,
                "Le délai de publication du LPC est enregistré : " + delay + " jours.", again);
    }

    private String lpcPage(String uai, Model model, String days) {
        model.addAttribute("serviceOpen", opening.isOpen(uai, NationalService.LPC.name()));
        model.addAttribute("lpcDelayDays", days);
        return "settings/page";
    }

    // ------------------------------------------------------------------ historique

    @GetMapping(BASE + "/historique")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String history(@PathVariable String uai, Model model) {
        frame(uai, "historique", model);
        model.addAttribute("changes", changes.ofEstablishment(uai, 200));
        return "settings/page";
    }

    // ------------------------------------------------------------------ common

    /** What every sub-page shows around its form: menu, dates from which changes apply. */
    private Settings frame(String uai, String slug, Model model) {
        Establishment e = establishments.get(uai);
        Settings current = settings.latest(uai);
        model.addAttribute("establishment", e);
        model.addAttribute("active", "parametrage");
        model.addAttribute("pages", PAGES);
        model.addAttribute("page", PAGES.stream().filter(p -> p.slug().equals(slug)).findFirst().orElseThrow());
        model.addAttribute("settings", current);
        model.addAttribute("nextDay", settings.nextEffectiveDay());
        // « Modifications enregistrées … » comes only with the redirect of a save (flash attribute "pendingFrom"):
        // a version saved by someone else (the demo, another head) is no news of this visit
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return current;
    }

    /**
     * Saves, then back to the sub-page with a message; on a refusal, the same page again (from {@code again})
     * with the messages next to their fields, or the confirmation the change needs.
     */
    private String save(String uai, String slug, SettingsUpdate change, Model model, RedirectAttributes redirect, String done,
                        Supplier<String> again) {
        try {
            Settings before = settings.latest(uai);
            Settings after = settings.update(uai, change, EstablishmentAccess.currentUser().username());
            if (after.equals(before)) {
                redirect.addFlashAttribute("message", "Aucune modification : le paramétrage est inchangé.");
            } else {
                LocalDate from = after.effectiveFrom() != null ? after.effectiveFrom() : settings.nextEffectiveDay();
                redirect.addFlashAttribute("message", done + " Ce changement s'applique à partir du " + FRENCH_DATE.format(from) + ".");
                redirect.addFlashAttribute("pendingFrom", from);
            }
            return "redirect:/etablissements/" + uai + "/parametrage/" + slug;
        } catch (InvalidSettings e) {
            frame(uai, slug, model);
            model.addAttribute("errors", e.errors());
            return again.get();
        } catch (SettingsConflict e) {
            frame(uai, slug, model);
            if (e.dueDatesLoss()) {
                model.addAttribute("confirmDueDatesLoss", e.getMessage());
            } else {
                model.addAttribute("error", e.getMessage());
            }
            return again.get();
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Long parseLong(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
