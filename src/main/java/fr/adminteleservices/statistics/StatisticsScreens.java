package fr.adminteleservices.statistics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.adminteleservices.establishment.EstablishmentService;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * « Statistiques » (§6): a side menu with the three syntheses, each with its CSV download. The head sees their
 * establishment; the académie administrator sees any establishment (through its pages) and the whole académie under
 * {@code /academie/statistiques}, with one line per establishment.
 */
@Controller
class StatisticsScreens {

    /** The sub-pages, in the guide's order. */
    static final List<Page> PAGES = List.of(
            new Page("codes-eleves", "Synthèse codes élèves", true),
            new Page("codes-responsables", "Synthèse codes responsables", true),
            new Page("acces", "Synthèse accès téléservices", true),
            new Page("parcours-responsables", "Parcours des comptes responsables", true),
            new Page("parcours-eleves", "Parcours des comptes élèves", true));

    /** A sub-page; {@code available} is what the shared side-menu fragment expects. */
    record Page(String slug, String label, boolean available) {
    }

    /** When the académie's figures were computed, in the académie's time (« le 07/12/2026 à 08:15 »). */
    private static final DateTimeFormatter COMPUTED_AT = DateTimeFormatter.ofPattern("'le' dd/MM/yyyy 'à' HH:mm", Locale.FRANCE)
            .withZone(Period.PARIS);

    private static final String PAGE_SLUGS = "codes-eleves|codes-responsables|acces|parcours-responsables|parcours-eleves";

    private final Statistics statistics;
    private final AcademyFigures academyFigures;
    private final EstablishmentService establishments;
    private final ObjectMapper json;

    StatisticsScreens(Statistics statistics, AcademyFigures academyFigures, EstablishmentService establishments, ObjectMapper json) {
        this.statistics = statistics;
        this.academyFigures = academyFigures;
        this.establishments = establishments;
        this.json = json;
    }

    // ------------------------------------------------------------------ an establishment

    @GetMapping("/etablissements/{uai}/statistiques")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String menu(@PathVariable String uai) {
        return "redirect:/etablissements/" + uai + "/statistiques/codes-eleves";
    }

    @GetMapping("/etablissements/{uai}/statistiques/{page:" + PAGE_SLUGS + "}")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String page(@PathVariable String uai, @PathVariable String page, Model model) {
        model.addAttribute("establishment", establishments.get(uai));
        model.addAttribute("active", "statistiques");
        model.addAttribute("base", "/etablissements/" + uai + "/statistiques/");
        return fill(page, model, false, uai, null);
    }

    /** The page's table(s) as CSV, through {@link StatisticsCsvConverter}. */
    @GetMapping(path = "/etablissements/{uai}/statistiques/{page:" + PAGE_SLUGS + "}.csv", produces = "text/csv")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @ResponseBody
    Object csv(@PathVariable String uai, @PathVariable String page) {
        return figures(page, uai, null);
    }

    // ------------------------------------------------------------------ the académie

    @GetMapping("/academie/statistiques")
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    String academyMenu() {
        return "redirect:/academie/statistiques/codes-eleves";
    }

    @GetMapping("/academie/statistiques/{page:" + PAGE_SLUGS + "}")
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    String academyPage(@PathVariable String page, Model model) {
        String academy = establishments.defaultAcademyCode();
        model.addAttribute("academy", establishments.academy(academy).orElse(null));
        model.addAttribute("base", "/academie/statistiques/");
        return fill(page, model, true, null, academy);
    }

    /** « Recalculer maintenant »: the page's synthesis computed now rather than at the next background refresh. */
    @PostMapping("/academie/statistiques/{page:" + PAGE_SLUGS + "}/recalcul")
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    String recompute(@PathVariable String page, RedirectAttributes redirect) {
        AcademyFigures.Kind kind = AcademyFigures.ofPage(page);
        if (kind != null) {
            long tookMs = academyFigures.refresh(kind, establishments.defaultAcademyCode()).tookMs();
            redirect.addFlashAttribute("message", String.format(Locale.FRANCE, "Chiffres de l’académie recalculés en %.1f s.",
                    tookMs / 1e3));
        }
        return "redirect:/academie/statistiques/" + page;
    }

    @GetMapping(path = "/academie/statistiques/{page:" + PAGE_SLUGS + "}.csv", produces = "text/csv")
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    @ResponseBody
    Object academyCsv(@PathVariable String page) {
        return figures(page, null, establishments.defaultAcademyCode());
    }

    // ------------------------------------------------------------------

    private String fill(String page, Model model, boolean academyView, String uai, String academy) {
        model.addAttribute("pages", PAGES);
        model.addAttribute("current", page);
        model.addAttribute("academyView", academyView);
        model.addAttribute("title", PAGES.stream().filter(p -> p.slug().equals(page)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)).label());
        Object figures = figures(page, uai, academy);
        if (figures instanceof Accesses accesses) {
            model.addAttribute("accesses", accesses);
            model.addAttribute("categories", AccessCategory.values());
            // the charts read the same figures as the tables, from an attribute (escaped, unlike an inline script)
            model.addAttribute("accessesJson", json(accesses));
            return "statistics/accesses";
        }
        Synthesis<? extends SynthesisLine> synthesis = (Synthesis<? extends SynthesisLine>) figures;
        if (synthesis.computedAt() != null) {
            model.addAttribute("computedAt", COMPUTED_AT.format(synthesis.computedAt()));
            model.addAttribute("refreshEvery", academyFigures.refreshEveryText());
        }
        boolean funnel = page.startsWith("parcours-");
        boolean students = page.endsWith("eleves");
        String whole = academyView ? "de l’académie" : "de l’établissement";
        String by = academyView ? "par établissement" : "par structure";
        model.addAttribute("synthesis", synthesis);
        model.addAttribute("columns", SynthesisLine.columnsOf(synthesis.total()));
        model.addAttribute("subject", students ? "élèves" : "responsables");
        model.addAttribute("funnel", funnel);
        if (funnel) {
            String what = students ? "Parcours des comptes élèves " : "Parcours des comptes responsables ";
            model.addAttribute("totalCaption", what + whole);
            model.addAttribute("rowsHeading", what + by);
            // the chart reads the table's own figures, from an attribute, as the access charts do
            model.addAttribute("funnelJson", json(synthesis));
        } else {
            String what = "Synthèse des codes " + (students ? "élèves " : "responsables ");
            model.addAttribute("totalCaption", what + whole);
            model.addAttribute("rowsHeading", what + by);
        }
        return "statistics/synthesis";
    }

    private String json(Object figures) {
        try {
            return json.writeValueAsString(figures);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The figures of a page: of the establishment {@code uai}, or of the académie {@code academy} (as last computed). */
    private Object figures(String page, String uai, String academy) {
        AcademyFigures.Kind kind = AcademyFigures.ofPage(page);
        if (academy != null && kind != null) {
            return academyFigures.read(kind, academy);
        }
        return switch (page) {
            case "codes-eleves" -> statistics.studentCodes(uai);
            case "codes-responsables" -> statistics.guardianCodes(uai);
            case "parcours-responsables" -> statistics.funnel(Statistics.GUARDIANS, uai);
            case "parcours-eleves" -> statistics.funnel(Statistics.STUDENTS, uai);
            default -> academy != null ? statistics.academyAccesses(academy) : statistics.accesses(uai);
        };
    }
}
