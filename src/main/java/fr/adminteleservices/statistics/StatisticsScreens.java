package fr.adminteleservices.statistics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.adminteleservices.establishment.EstablishmentService;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

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
            new Page("acces", "Synthèse accès téléservices", true));

    /** A sub-page; {@code available} is what the shared side-menu fragment expects. */
    record Page(String slug, String label, boolean available) {
    }

    private static final String PAGE_SLUGS = "codes-eleves|codes-responsables|acces";

    private final Statistics statistics;
    private final EstablishmentService establishments;
    private final ObjectMapper json;

    StatisticsScreens(Statistics statistics, EstablishmentService establishments, ObjectMapper json) {
        this.statistics = statistics;
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

    @GetMapping("/etablissements/{uai}/statistiques/{page:" + PAGE_SLUGS + "}.csv")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    void csv(@PathVariable String uai, @PathVariable String page, HttpServletResponse response) throws IOException {
        String year = establishments.currentSchoolYear(establishments.get(uai).academyCode()).map(y -> "-" + y.label()).orElse("");
        StatisticsApi.csv(response, page + "-" + uai + year);
        switch (page) {
            case "codes-eleves" -> studentCodesCsv(statistics.studentCodes(uai), false, response.getOutputStream());
            case "codes-responsables" -> guardianCodesCsv(statistics.guardianCodes(uai), false, response.getOutputStream());
            default -> StatisticsCsv.accesses(statistics.accesses(uai), response.getOutputStream());
        }
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

    @GetMapping("/academie/statistiques/{page:" + PAGE_SLUGS + "}.csv")
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    void academyCsv(@PathVariable String page, HttpServletResponse response) throws IOException {
        String academy = establishments.defaultAcademyCode();
        String year = establishments.currentSchoolYear(academy).map(y -> "-" + y.label()).orElse("");
        StatisticsApi.csv(response, page + "-" + academy + year);
        switch (page) {
            case "codes-eleves" -> studentCodesCsv(statistics.academyStudentCodes(academy), true, response.getOutputStream());
            case "codes-responsables" -> guardianCodesCsv(statistics.academyGuardianCodes(academy), true, response.getOutputStream());
            default -> StatisticsCsv.accesses(statistics.academyAccesses(academy), response.getOutputStream());
        }
    }

    // ------------------------------------------------------------------

    private String fill(String page, Model model, boolean academyView, String uai, String academy) {
        model.addAttribute("pages", PAGES);
        model.addAttribute("current", page);
        model.addAttribute("academyView", academyView);
        model.addAttribute("title", PAGES.stream().filter(p -> p.slug().equals(page)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)).label());
        switch (page) {
            case "codes-eleves" -> {
                model.addAttribute("synthesis", academyView ? statistics.academyStudentCodes(academy) : statistics.studentCodes(uai));
                model.addAttribute("columns", StudentCodeLine.COLUMNS);
                model.addAttribute("subject", "élèves");
                return "statistics/synthesis";
            }
            case "codes-responsables" -> {
                model.addAttribute("synthesis", academyView ? statistics.academyGuardianCodes(academy) : statistics.guardianCodes(uai));
                model.addAttribute("columns", GuardianCodeLine.COLUMNS);
                model.addAttribute("subject", "responsables");
                return "statistics/synthesis";
            }
            default -> {
                Accesses accesses = academyView ? statistics.academyAccesses(academy) : statistics.accesses(uai);
                model.addAttribute("accesses", accesses);
                // the charts read the same figures as the tables, from an attribute (escaped, unlike inline script)
                try {
                    model.addAttribute("accessesJson", json.writeValueAsString(accesses));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
                model.addAttribute("categories", AccessCategory.values());
                return "statistics/accesses";
            }
        }
    }

    static void studentCodesCsv(Synthesis<StudentCodeLine> s, boolean academy, OutputStream out) {
        StatisticsCsv.synthesis(s, StudentCodeLine.COLUMNS, academy,
                l -> academy ? new String[] {l.uai(), l.name()} : new String[] {l.mefLabel() != null ? l.mefLabel() : l.mef(), l.division()}, out);
    }

    static void guardianCodesCsv(Synthesis<GuardianCodeLine> s, boolean academy, OutputStream out) {
        StatisticsCsv.synthesis(s, GuardianCodeLine.COLUMNS, academy,
                l -> academy ? new String[] {l.uai(), l.name()} : new String[] {l.mefLabel() != null ? l.mefLabel() : l.mef(), l.division()}, out);
    }
}
