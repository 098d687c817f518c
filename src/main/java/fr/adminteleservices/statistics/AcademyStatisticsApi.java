package fr.adminteleservices.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The statistics of §6 of the académie, for its administrator only, as {@link StatisticsApi} serves an establishment's.
 * The syntheses are the figures last computed ({@link AcademyFigures}: {@code computedAt} says when); the accesses are
 * counted at each call.
 */
@RestController
@RequestMapping(path = "/api/academies/{code}/statistics", produces = {StatisticsApi.JSON, StatisticsApi.CSV})
@PreAuthorize("hasRole('ACADEMY_ADMIN')")
@Tag(name = "Statistiques")
class AcademyStatisticsApi {

    private final Statistics statistics;
    private final AcademyFigures figures;

    AcademyStatisticsApi(Statistics statistics, AcademyFigures figures) {
        this.statistics = statistics;
        this.figures = figures;
    }

    @GetMapping("/student-codes")
    @Operation(summary = "Synthèse codes élèves de l'académie : l'académie, une ligne par établissement, la somme")
    Synthesis<StudentCodeLine> academyStudentCodes(@PathVariable String code) {
        return figures.read(AcademyFigures.Kind.STUDENT_CODES, code);
    }

    @GetMapping("/guardian-codes")
    @Operation(summary = "Synthèse codes responsables de l'académie : l'académie, une ligne par établissement, la somme")
    Synthesis<GuardianCodeLine> academyGuardianCodes(@PathVariable String code) {
        return figures.read(AcademyFigures.Kind.GUARDIAN_CODES, code);
    }

    @GetMapping("/guardian-funnel")
    @Operation(summary = "Parcours des comptes responsables de l'académie, une ligne par établissement")
    Synthesis<FunnelLine> academyGuardianFunnel(@PathVariable String code) {
        return figures.read(AcademyFigures.Kind.GUARDIAN_FUNNEL, code);
    }

    @GetMapping("/student-funnel")
    @Operation(summary = "Parcours des comptes élèves de l'académie, une ligne par établissement")
    Synthesis<FunnelLine> academyStudentFunnel(@PathVariable String code) {
        return figures.read(AcademyFigures.Kind.STUDENT_FUNNEL, code);
    }

    @PostMapping("/refresh")
    @Operation(summary = "Recalcule maintenant les quatre synthèses de l'académie (sinon recalculées en arrière-plan)")
    List<AcademyFigures.Computed> refresh(@PathVariable String code) {
        return Arrays.stream(AcademyFigures.Kind.values()).map(kind -> figures.refresh(kind, code)).toList();
    }

    @GetMapping("/accesses")
    @Operation(summary = "Synthèse accès téléservices de l'académie : par mois, par catégorie, par MEFSTAT")
    Accesses academyAccesses(@PathVariable String code) {
        return statistics.academyAccesses(code);
    }
}
