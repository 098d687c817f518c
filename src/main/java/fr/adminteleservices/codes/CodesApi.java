package fr.adminteleservices.codes;

import fr.adminteleservices.security.EstablishmentAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/establishments/{uai}")
// every endpoint acts in the {uai} establishment: its head (or the académie) only
@PreAuthorize("@establishmentAccess.check(#uai)")
@Tag(name = "Codes d'activation des responsables (CAR)")
class CodesApi {

    private final GuardianCodes codes;
    private final CodeGenerations generations;

    CodesApi(GuardianCodes codes, CodeGenerations generations) {
        this.codes = codes;
        this.generations = generations;
    }

    @GetMapping("/guardian-links")
    @Operation(summary = "Les couples élève / responsable, avec leur éligibilité à la création de codes et sa raison")
    List<Couple> couples(@PathVariable String uai,
                         @Parameter(description = "withoutValidCode (par défaut) ou all")
                         @RequestParam(defaultValue = "withoutValidCode") String view,
                         @RequestParam(required = false) String division, @RequestParam(required = false) String mef,
                         @RequestParam(required = false) String name) {
        if (!view.equals("withoutValidCode") && !view.equals("all")) {
            throw new CodeRefused(HttpStatus.BAD_REQUEST, "« view » vaut withoutValidCode ou all.");
        }
        return codes.couples(uai, view.equals("withoutValidCode"), division, mef, name);
    }

    record GenerationRequest(List<Long> linkIds, boolean all, String division, String mef) {
    }

    @PostMapping("/guardian-codes/generation")
    @Operation(summary = "Crée les CAR des couples éligibles (linkIds, ou all avec les filtres) ; dit pourquoi les autres n'en ont pas")
    GenerationResult generate(@PathVariable String uai, @RequestBody GenerationRequest request) {
        GuardianCodes.requireFewIds(request.linkIds());
        return codes.generate(uai, request.linkIds(), request.all(), request.division(), request.mef(), user());
    }

    @GetMapping("/code-generations/{id}")
    @Operation(summary = "L'avancement d'une génération : codes écrits, cycles de vie démarrés")
    CodeGenerations.Progress generation(@PathVariable String uai, @PathVariable String id) {
        return generations.progress(uai, id);
    }

    @GetMapping("/guardian-links/{linkId}/codes")
    @Operation(summary = "L'historique des CAR du couple, le plus récent d'abord (valeurs masquées)")
    List<CodeHistoryEntry> history(@PathVariable String uai, @PathVariable long linkId) {
        return codes.history(uai, linkId);
    }

    @PostMapping("/guardian-links/{linkId}/codes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Nouveau code : invalide le code valide, puis en crée un")
    CodeHistoryEntry newCode(@PathVariable String uai, @PathVariable long linkId) {
        return codes.newCode(uai, linkId, user());
    }

    @PostMapping("/guardian-links/{linkId}/codes/{codeId}/reveal")
    @Operation(summary = "Affiche la valeur d'un code (l'affichage est enregistré)")
    Map<String, String> reveal(@PathVariable String uai, @PathVariable long linkId, @PathVariable long codeId) {
        return Map.of("value", codes.reveal(uai, linkId, codeId, user()).reveal());
    }

    @PostMapping("/guardian-links/{linkId}/refusal")
    @Operation(summary = "Enlever l'accès : refus du responsable (coupon « pour moi-même ») ; son code valide est invalidé")
    Couple refuse(@PathVariable String uai, @PathVariable long linkId) {
        codes.refuse(uai, linkId, user());
        return codes.couple(uai, linkId);
    }

    @DeleteMapping("/guardian-links/{linkId}/refusal")
    @Operation(summary = "Rétablir l'accès : le refus est retiré (un nouveau code se crée ensuite à la demande)")
    Couple withdrawRefusal(@PathVariable String uai, @PathVariable long linkId) {
        codes.withdrawRefusal(uai, linkId, user());
        return codes.couple(uai, linkId);
    }

    private static String user() {
        return EstablishmentAccess.currentUser().username();
    }
}
