package fr.adminteleservices.codes;

import static fr.adminteleservices.codes.CodePages.blank;
import static fr.adminteleservices.codes.CodePages.user;

import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.opening.ServiceOpening;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * « Accès des responsables » (§4): a side menu of sub-pages. « Créer les codes en masse » (C1) lists the couples
 * élève / responsable by MEF, division, name and view, creates the CARs of the ticked couples (or of the whole
 * selection), then follows the start of their lifecycles in the background; « Gérer le code pour un couple » (C3)
 * lists the couples, then shows one couple's history of codes with « Afficher », « Nouveau code », « Enlever
 * l'accès » / « Rétablir l'accès ». « Notifier en masse » and « Notifier code » come with a later feature.
 */
@Controller
// every page acts in the {uai} establishment: its head (or the académie) only
@PreAuthorize("@establishmentAccess.check(#uai)")
class GuardianCodesScreen {

    /** The sub-pages, in the guide's order; the notifications are not built yet. */
    static final List<CodeSections.Page> PAGES = CodeSections.GUARDIANS;

    /** A choice of a filter's list: the value sent, the text shown. */
    record Option(String code, String label) {
    }

    /** What the result panel of a mass generation shows (kept in the session until the next page only). */
    record GenerationOutcome(String generationId, int created, List<SkippedCouple> skipped) implements Serializable {
    }

    /** A couple that got no code, as the result panel names it. */
    record SkippedCouple(long linkId, String student, String division, String guardian, String reason) implements Serializable {
    }

    static final String VIEW_WITHOUT_VALID_CODE = "sans-code";
    static final String VIEW_ALL = "tous";
    private static final String BASE = "/etablissements/{uai}/responsables";

    private final GuardianCodes codes;
    private final CodeGenerations generations;
    private final EstablishmentService establishments;
    private final ServiceOpening opening;

    private final ObjectProvider<CodeAccounts> accounts;

    GuardianCodesScreen(GuardianCodes codes, CodeGenerations generations, EstablishmentService establishments,
                        ServiceOpening opening,
                        ObjectProvider<CodeAccounts> accounts) {
        this.accounts = accounts;
        this.codes = codes;
        this.generations = generations;
        this.establishments = establishments;
        this.opening = opening;
    }

    @GetMapping(BASE)
    String first(@PathVariable String uai) {
        establishments.get(uai);
        return "redirect:/etablissements/" + uai + "/responsables/" + PAGES.get(0).slug();
    }

    // ------------------------------------------------------------------ C1 créer les codes en masse

    @GetMapping(BASE + "/creation")
    String creation(@PathVariable String uai, @RequestParam(name = "vue", required = false) String view,
                    @RequestParam(name = "division", required = false) String division,
                    @RequestParam(name = "mef", required = false) String mef,
                    @RequestParam(name = "nom", required = false) String name, Model model) {
        frame(uai, "creation", model);
        boolean anOpenService = !opening.openServices(uai).isEmpty();
        model.addAttribute("anOpenService", anOpenService);
        if (!anOpenService) {
            return "codes/page";
        }
        String v = VIEW_ALL.equals(view) ? VIEW_ALL : VIEW_WITHOUT_VALID_CODE;
        model.addAttribute("view", v);
        list(uai, VIEW_WITHOUT_VALID_CODE.equals(v), division, mef, name, model);
        return "codes/page";
    }

    @PostMapping(BASE + "/creation")
    String generate(@PathVariable String uai, @RequestParam(name = "linkId", required = false) List<Long> linkIds,
                    @RequestParam(name = "selection", required = false) String selection,
                    @RequestParam(name = "vue", required = false) String view,
                    @RequestParam(name = "division", required = false) String division,
                    @RequestParam(name = "mef", required = false) String mef,
                    @RequestParam(name = "nom", required = false) String name, RedirectAttributes redirect) {
        establishments.get(uai);
        String back = creationUrl(uai, view, division, mef, name);
        boolean all = "toute".equals(selection);
        GuardianCodes.requireFewIds(linkIds);
        List<Long> ids = linkIds == null ? List.of() : linkIds.stream().filter(Objects::nonNull).distinct().toList();
        List<Couple> known = codes.couples(uai, false, division, mef, null);
        if (all && !blank(name)) {
            // the whole selection includes the name filter, which a generation "all" does not know: the couples listed
            ids = codes.couples(uai, VIEW_WITHOUT_VALID_CODE.equals(view), division, mef, name).stream().map(Couple::linkId).toList();
            all = false;
            if (ids.isEmpty()) {
                redirect.addFlashAttribute("error", "Aucun couple élève / responsable n'existe pour cette sélection.");
                return "redirect:" + back;
            }
        }
        if (!all && ids.isEmpty()) {
            redirect.addFlashAttribute("error", "Aucun couple n'est coché : cochez au moins un couple élève / responsable, "
                    + "ou choisissez « Créer les codes pour toute la sélection ».");
            return "redirect:" + back;
        }
        try {
            GenerationResult result = codes.generate(uai, all ? null : ids, all, division, mef,
                    user());
            Map<Long, Couple> byLink = known.stream().collect(Collectors.toMap(Couple::linkId, Function.identity(), (a, b) -> a));
            List<SkippedCouple> skipped = new ArrayList<>();
            for (GenerationResult.Skipped s : result.skipped()) {
                Couple c = byLink.get(s.linkId());
                skipped.add(c == null
                        ? new SkippedCouple(s.linkId(), "Couple n° " + s.linkId(), "", "", s.reason())
                        : new SkippedCouple(s.linkId(), studentName(c), c.student().division(), guardianName(c), s.reason()));
            }
            redirect.addFlashAttribute("generation", new GenerationOutcome(result.generationId(), result.created(), skipped));
        } catch (CodeRefused e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + back;
    }

    /** The progress bar's source: codes written, lifecycles started, done. */
    @GetMapping(BASE + "/generations/{id}")
    @ResponseBody
    ResponseEntity<Map<String, Object>> progress(@PathVariable String uai, @PathVariable String id) {
        try {
            CodeGenerations.Progress p = generations.progress(uai, id);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", p.id());
            body.put("codes", p.codes());
            body.put("lifecyclesStarted", p.lifecyclesStarted());
            body.put("done", p.done());
            body.put("doneAt", p.doneAt());
            return ResponseEntity.ok(body);
        } catch (CodeRefused e) {
            return ResponseEntity.status(e.status()).body(Map.of("status", e.status().value(), "message", e.getMessage()));
        }
    }

    // ------------------------------------------------------------------ C3 gérer le code pour un couple

    @GetMapping(BASE + "/couples")
    String couples(@PathVariable String uai, @RequestParam(name = "division", required = false) String division,
                   @RequestParam(name = "mef", required = false) String mef,
                   @RequestParam(name = "nom", required = false) String name, Model model) {
        frame(uai, "couples", model);
        list(uai, false, division, mef, name, model);
        return "codes/page";
    }

    @GetMapping(BASE + "/couples/{linkId}")
    String couple(@PathVariable String uai, @PathVariable long linkId, Model model) {
        return couplePage(uai, linkId, model);
    }

    /** Shows one code's value on the page only (never in an address), and records that it was shown. */
    @PostMapping(BASE + "/couples/{linkId}/codes/{codeId}/affichage")
    String reveal(@PathVariable String uai, @PathVariable long linkId, @PathVariable long codeId, Model model) {
        CodePages.reveal(() -> codes.reveal(uai, linkId, codeId, user()), codeId, model);
        return couplePage(uai, linkId, model);
    }

    @PostMapping(BASE + "/couples/{linkId}/nouveau-code")
    String newCode(@PathVariable String uai, @PathVariable long linkId,
                   @RequestParam(name = "confirmation", required = false) String confirmation, Model model,
                   RedirectAttributes redirect) {
        Couple couple = couple(uai, linkId);
        return CodePages.newCode(couple.hasValidCode(), confirmation, () -> {
            CodeHistoryEntry created = codes.newCode(uai, linkId, user());
            return "Un nouveau code a été créé (" + created.maskedValue() + ") ; " + CodePages.usableFrom(created)
                    + (couple.hasValidCode() ? " L'ancien code est invalidé." : "");
        }, coupleUrl(uai, linkId), () -> couplePage(uai, linkId, model), model, redirect);
    }

    @PostMapping(BASE + "/couples/{linkId}/refus")
    String refuse(@PathVariable String uai, @PathVariable long linkId, Model model, RedirectAttributes redirect) {
        Couple couple = couple(uai, linkId);
        return CodePages.act(() -> {
            codes.refuse(uai, linkId, user());
            return "L'accès aux téléservices est enlevé : le refus du responsable (coupon réponse « pour moi-même ») est "
                    + "enregistré" + (couple.hasValidCode() ? " et son code valide est invalidé." : ".");
        }, coupleUrl(uai, linkId), () -> couplePage(uai, linkId, model), model, redirect);
    }

    @PostMapping(BASE + "/couples/{linkId}/retablissement")
    String withdrawRefusal(@PathVariable String uai, @PathVariable long linkId, Model model, RedirectAttributes redirect) {
        couple(uai, linkId);
        return CodePages.act(() -> {
            codes.withdrawRefusal(uai, linkId, user());
            return "L'accès aux téléservices est rétabli. Pour que le responsable puisse créer son compte, créez-lui un code "
                    + "(« Nouveau code »).";
        }, coupleUrl(uai, linkId), () -> couplePage(uai, linkId, model), model, redirect);
    }

    private String couplePage(String uai, long linkId, Model model) {
        frame(uai, "couples", model);
        Couple couple = couple(uai, linkId);
        model.addAttribute("couple", couple);
        model.addAttribute("coupleTitle", guardianName(couple) + " / " + studentName(couple));
        model.addAttribute("mefLabel", mefLabels(uai).getOrDefault(couple.student().mef(), couple.student().mef()));
        model.addAttribute("history", codes.history(uai, linkId));
        // « Compte téléservice »: the last account known for these codes, if any
        model.addAttribute("account", accounts.stream().flatMap(a -> a.ofCouple(uai, linkId).stream()).findFirst().orElse(null));
        model.addAttribute("detail", true);
        return "codes/page";
    }

    // ------------------------------------------------------------------ common

    /** The couples matching the filters, and the filters' lists built from all the couples' values. */
    private void list(String uai, boolean withoutValidCode, String division, String mef, String name, Model model) {
        List<Couple> every = codes.couples(uai, false, null, null, null);
        boolean filtered = withoutValidCode || !blank(division) || !blank(mef) || !blank(name);
        List<Couple> shown = filtered ? codes.couples(uai, withoutValidCode, division, mef, name) : every;
        Map<String, String> labels = mefLabels(uai);
        Map<String, String> mefs = new TreeMap<>();
        every.stream().map(c -> c.student().mef()).filter(Objects::nonNull).forEach(m -> mefs.put(m, labels.getOrDefault(m, m)));
        model.addAttribute("mefs", mefs.entrySet().stream().map(e -> new Option(e.getKey(), e.getValue()))
                .sorted((a, b) -> a.label().compareToIgnoreCase(b.label())).toList());
        model.addAttribute("divisions", every.stream().map(c -> c.student().division()).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new)).stream().map(d -> new Option(d, d)).toList());
        model.addAttribute("mefLabels", labels);
        model.addAttribute("division", blank(division) ? "" : division.strip());
        model.addAttribute("mef", blank(mef) ? "" : mef.strip());
        model.addAttribute("name", blank(name) ? "" : name.strip());
        model.addAttribute("couples", shown);
        model.addAttribute("eligibleCount", shown.stream().filter(Couple::eligible).count());
    }

    /** What every sub-page shows around its content: the establishment's menu and the side menu. */
    private Establishment frame(String uai, String slug, Model model) {
        Establishment e = establishments.get(uai);
        model.addAttribute("establishment", e);
        model.addAttribute("active", "responsables");
        model.addAttribute("pages", PAGES);
        model.addAttribute("page", PAGES.stream().filter(p -> p.slug().equals(slug)).findFirst().orElseThrow());
        model.addAttribute("detail", false);
        return e;
    }

    private Couple couple(String uai, long linkId) {
        return CodePages.holder(() -> codes.couple(uai, linkId));
    }

    /** The MEFs' labels of the SIECLE nomenclature imported for the establishment, by code. */
    private Map<String, String> mefLabels(String uai) {
        return codes.mefLabels(uai);
    }

    static String studentName(Couple c) {
        return CodePages.join(c.student().lastName(), c.student().firstName());
    }

    static String guardianName(Couple c) {
        return CodePages.join(c.guardian().civility(), c.guardian().lastName(), c.guardian().firstName());
    }

    private static String creationUrl(String uai, String view, String division, String mef, String name) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/etablissements/" + uai + "/responsables/creation");
        if (VIEW_ALL.equals(view)) {
            b.queryParam("vue", VIEW_ALL);
        }
        if (!blank(division)) {
            b.queryParam("division", division.strip());
        }
        if (!blank(mef)) {
            b.queryParam("mef", mef.strip());
        }
        if (!blank(name)) {
            b.queryParam("nom", name.strip());
        }
        return b.encode().build().toUriString();
    }

    private static String coupleUrl(String uai, long linkId) {
        return "/etablissements/" + uai + "/responsables/couples/" + linkId;
    }

}
