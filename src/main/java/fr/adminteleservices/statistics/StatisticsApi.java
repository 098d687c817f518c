package fr.adminteleservices.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The statistics of §6 as JSON, or as CSV with {@code Accept: text/csv}: an establishment's for its head and the
 * académie administrator, the académie's for the latter.
 */
@RestController
@Tag(name = "Statistiques")
class StatisticsApi {

    private final Statistics statistics;

    StatisticsApi(Statistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping(path = "/api/establishments/{uai}/statistics/student-codes", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "Synthèse codes élèves (§6.1) : l'établissement, puis une ligne par MEF et division, puis la somme")
    Synthesis<StudentCodeLine> studentCodes(@PathVariable String uai) {
        return statistics.studentCodes(uai);
    }

    @GetMapping(path = "/api/establishments/{uai}/statistics/student-codes", produces = "text/csv")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    void studentCodesCsv(@PathVariable String uai, HttpServletResponse response) throws IOException {
        csv(response, "codes-eleves-" + uai);
        StatisticsScreens.studentCodesCsv(statistics.studentCodes(uai), false, response.getOutputStream());
    }

    @GetMapping(path = "/api/establishments/{uai}/statistics/guardian-codes", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "Synthèse codes responsables (§6.2) : l'établissement, puis une ligne par MEF et division, puis la somme")
    Synthesis<GuardianCodeLine> guardianCodes(@PathVariable String uai) {
        return statistics.guardianCodes(uai);
    }

    @GetMapping(path = "/api/establishments/{uai}/statistics/guardian-codes", produces = "text/csv")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    void guardianCodesCsv(@PathVariable String uai, HttpServletResponse response) throws IOException {
        csv(response, "codes-responsables-" + uai);
        StatisticsScreens.guardianCodesCsv(statistics.guardianCodes(uai), false, response.getOutputStream());
    }

    @GetMapping(path = "/api/establishments/{uai}/statistics/accesses", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "Synthèse accès téléservices (§6.3) de l'année scolaire : par mois, par catégorie, par MEFSTAT")
    Accesses accesses(@PathVariable String uai) {
        return statistics.accesses(uai);
    }

    @GetMapping(path = "/api/establishments/{uai}/statistics/accesses", produces = "text/csv")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    void accessesCsv(@PathVariable String uai, HttpServletResponse response) throws IOException {
        csv(response, "acces-teleservices-" + uai);
        StatisticsCsv.accesses(statistics.accesses(uai), response.getOutputStream());
    }

    // ------------------------------------------------------------------ the académie

    @GetMapping(path = "/api/academies/{code}/statistics/student-codes", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    @Operation(summary = "Synthèse codes élèves de l'académie : l'académie, puis une ligne par établissement, puis la somme")
    Synthesis<StudentCodeLine> academyStudentCodes(@PathVariable String code) {
        return statistics.academyStudentCodes(code);
    }

    @GetMapping(path = "/api/academies/{code}/statistics/student-codes", produces = "text/csv")
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    void academyStudentCodesCsv(@PathVariable String code, HttpServletResponse response) throws IOException {
        csv(response, "codes-eleves-" + code);
        StatisticsScreens.studentCodesCsv(statistics.academyStudentCodes(code), true, response.getOutputStream());
    }

    @GetMapping(path = "/api/academies/{code}/statistics/guardian-codes", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    @Operation(summary = "Synthèse codes responsables de l'académie : l'académie, puis une ligne par établissement, puis la somme")
    Synthesis<GuardianCodeLine> academyGuardianCodes(@PathVariable String code) {
        return statistics.academyGuardianCodes(code);
    }

    @GetMapping(path = "/api/academies/{code}/statistics/guardian-codes", produces = "text/csv")
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    void academyGuardianCodesCsv(@PathVariable String code, HttpServletResponse response) throws IOException {
        csv(response, "codes-responsables-" + code);
        StatisticsScreens.guardianCodesCsv(statistics.academyGuardianCodes(code), true, response.getOutputStream());
    }

    @GetMapping(path = "/api/academies/{code}/statistics/accesses", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    @Operation(summary = "Synthèse accès téléservices de l'académie : par mois, par catégorie, par MEFSTAT")
    Accesses academyAccesses(@PathVariable String code) {
        return statistics.academyAccesses(code);
    }

    @GetMapping(path = "/api/academies/{code}/statistics/accesses", produces = "text/csv")
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    void academyAccessesCsv(@PathVariable String code, HttpServletResponse response) throws IOException {
        csv(response, "acces-teleservices-" + code);
        StatisticsCsv.accesses(statistics.academyAccesses(code), response.getOutputStream());
    }

    static void csv(HttpServletResponse response, String name) {
        response.setContentType(StatisticsCsv.MEDIA_TYPE);
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
    }
}
