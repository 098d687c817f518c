package fr.adminteleservices.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The statistics of §6 of the académie, for its administrator only, as {@link StatisticsApi} serves an establishment's. */
@RestController
@RequestMapping(path = "/api/academies/{code}/statistics", produces = {StatisticsApi.JSON, StatisticsApi.CSV})
@PreAuthorize("hasRole('ACADEMY_ADMIN')")
@Tag(name = "Statistiques")
class AcademyStatisticsApi {

    private final Statistics statistics;

    AcademyStatisticsApi(Statistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/student-codes")
    @Operation(summary = "Synthèse codes élèves de l'académie : l'académie, une ligne par établissement, la somme")
    Synthesis<StudentCodeLine> academyStudentCodes(@PathVariable String code) {
        return statistics.academyStudentCodes(code);
    }

    @GetMapping("/guardian-codes")
    @Operation(summary = "Synthèse codes responsables de l'académie : l'académie, une ligne par établissement, la somme")
    Synthesis<GuardianCodeLine> academyGuardianCodes(@PathVariable String code) {
        return statistics.academyGuardianCodes(code);
    }

    @GetMapping("/guardian-funnel")
    @Operation(summary = "Parcours des comptes responsables de l'académie, une ligne par établissement")
    Synthesis<FunnelLine> academyGuardianFunnel(@PathVariable String code) {
        return statistics.academyFunnel(Statistics.GUARDIANS, code);
    }

    @GetMapping("/student-funnel")
    @Operation(summary = "Parcours des comptes élèves de l'académie, une ligne par établissement")
    Synthesis<FunnelLine> academyStudentFunnel(@PathVariable String code) {
        return statistics.academyFunnel(Statistics.STUDENTS, code);
    }

    @GetMapping("/accesses")
    @Operation(summary = "Synthèse accès téléservices de l'académie : par mois, par catégorie, par MEFSTAT")
    Accesses academyAccesses(@PathVariable String code) {
        return statistics.academyAccesses(code);
    }
}
