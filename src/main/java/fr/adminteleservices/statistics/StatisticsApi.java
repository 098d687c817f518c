package fr.adminteleservices.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The statistics of §6 of one establishment, for its head and the académie administrator: as JSON, or as CSV with
 * {@code Accept: text/csv} ({@link StatisticsCsvConverter}). The académie's are in {@link AcademyStatisticsApi}.
 */
@RestController
@RequestMapping(path = "/api/establishments/{uai}/statistics", produces = {StatisticsApi.JSON, StatisticsApi.CSV})
@PreAuthorize("@establishmentAccess.check(#uai)")
@Tag(name = "Statistiques")
class StatisticsApi {

    static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    static final String CSV = "text/csv";

    private final Statistics statistics;

    StatisticsApi(Statistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/student-codes")
    @Operation(summary = "Synthèse codes élèves (§6.1) : l'établissement, une ligne par MEF et division, la somme ; CSV avec Accept: text/csv")
    Synthesis<StudentCodeLine> studentCodes(@PathVariable String uai) {
        return statistics.studentCodes(uai);
    }

    @GetMapping("/guardian-codes")
    @Operation(summary = "Synthèse codes responsables (§6.2) : l'établissement, une ligne par MEF et division, la somme ; CSV avec Accept: text/csv")
    Synthesis<GuardianCodeLine> guardianCodes(@PathVariable String uai) {
        return statistics.guardianCodes(uai);
    }

    @GetMapping("/accesses")
    @Operation(summary = "Synthèse accès téléservices (§6.3) de l'année scolaire : par mois, par catégorie, par MEFSTAT ; CSV avec Accept: text/csv")
    Accesses accesses(@PathVariable String uai) {
        return statistics.accesses(uai);
    }

    @GetMapping("/guardian-funnel")
    @Operation(summary = "Parcours des comptes responsables : chaque couple responsable-élève à l'étape atteinte (refus, sans code, "
            + "non notifié, notifié sans compte, compte provisoire, confirmation expirée, compte confirmé), par MEF et division")
    Synthesis<FunnelLine> guardianFunnel(@PathVariable String uai) {
        return statistics.funnel(Statistics.GUARDIANS, uai);
    }

    @GetMapping("/student-funnel")
    @Operation(summary = "Parcours des comptes élèves : chaque élève présent à l'étape atteinte avec son CAE, par MEF et division")
    Synthesis<FunnelLine> studentFunnel(@PathVariable String uai) {
        return statistics.funnel(Statistics.STUDENTS, uai);
    }
}
