package fr.adminteleservices.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The statistics of §6 as JSON, or as CSV with {@code Accept: text/csv} ({@link StatisticsCsvConverter}): an
 * establishment's for its head and the académie administrator, the académie's for the latter.
 */
@RestController
@Tag(name = "Statistiques")
class StatisticsApi {

    static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    static final String CSV = "text/csv";

    private final Statistics statistics;

    StatisticsApi(Statistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping(path = "/api/establishments/{uai}/statistics/student-codes", produces = {JSON, CSV})
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "Synthèse codes élèves (§6.1) : l'établissement, une ligne par MEF et division, la somme ; CSV avec Accept: text/csv")
    Synthesis<StudentCodeLine> studentCodes(@PathVariable String uai) {
        return statistics.studentCodes(uai);
    }

    @GetMapping(path = "/api/establishments/{uai}/statistics/guardian-codes", produces = {JSON, CSV})
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "Synthèse codes responsables (§6.2) : l'établissement, une ligne par MEF et division, la somme ; CSV avec Accept: text/csv")
    Synthesis<GuardianCodeLine> guardianCodes(@PathVariable String uai) {
        return statistics.guardianCodes(uai);
    }

    @GetMapping(path = "/api/establishments/{uai}/statistics/accesses", produces = {JSON, CSV})
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "Synthèse accès téléservices (§6.3) de l'année scolaire : par mois, par catégorie, par MEFSTAT ; CSV avec Accept: text/csv")
    Accesses accesses(@PathVariable String uai) {
        return statistics.accesses(uai);
    }

    @GetMapping(path = "/api/establishments/{uai}/statistics/guardian-funnel", produces = {JSON, CSV})
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "Parcours des comptes responsables : chaque couple responsable-élève à l'étape atteinte (refus, sans code, "
            + "non notifié, notifié sans compte, compte provisoire, confirmation expirée, compte confirmé), par MEF et division")
    Synthesis<FunnelLine> guardianFunnel(@PathVariable String uai) {
        return statistics.funnel(Statistics.GUARDIANS, uai);
    }

    @GetMapping(path = "/api/establishments/{uai}/statistics/student-funnel", produces = {JSON, CSV})
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "Parcours des comptes élèves : chaque élève présent à l'étape atteinte avec son CAE, par MEF et division")
    Synthesis<FunnelLine> studentFunnel(@PathVariable String uai) {
        return statistics.funnel(Statistics.STUDENTS, uai);
    }

    @GetMapping(path = "/api/academies/{code}/statistics/student-codes", produces = {JSON, CSV})
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    @Operation(summary = "Synthèse codes élèves de l'académie : l'académie, une ligne par établissement, la somme")
    Synthesis<StudentCodeLine> academyStudentCodes(@PathVariable String code) {
        return statistics.academyStudentCodes(code);
    }

    @GetMapping(path = "/api/academies/{code}/statistics/guardian-codes", produces = {JSON, CSV})
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    @Operation(summary = "Synthèse codes responsables de l'académie : l'académie, une ligne par établissement, la somme")
    Synthesis<GuardianCodeLine> academyGuardianCodes(@PathVariable String code) {
        return statistics.academyGuardianCodes(code);
    }

    @GetMapping(path = "/api/academies/{code}/statistics/guardian-funnel", produces = {JSON, CSV})
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    @Operation(summary = "Parcours des comptes responsables de l'académie, une ligne par établissement")
    Synthesis<FunnelLine> academyGuardianFunnel(@PathVariable String code) {
        return statistics.academyFunnel(Statistics.GUARDIANS, code);
    }

    @GetMapping(path = "/api/academies/{code}/statistics/student-funnel", produces = {JSON, CSV})
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    @Operation(summary = "Parcours des comptes élèves de l'académie, une ligne par établissement")
    Synthesis<FunnelLine> academyStudentFunnel(@PathVariable String code) {
        return statistics.academyFunnel(Statistics.STUDENTS, code);
    }

    @GetMapping(path = "/api/academies/{code}/statistics/accesses", produces = {JSON, CSV})
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    @Operation(summary = "Synthèse accès téléservices de l'académie : par mois, par catégorie, par MEFSTAT")
    Accesses academyAccesses(@PathVariable String code) {
        return statistics.academyAccesses(code);
    }
}
