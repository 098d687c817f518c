package fr.adminteleservices.codes;

import fr.adminteleservices.security.EstablishmentAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/establishments/{uai}")
// every endpoint acts in the {uai} establishment: its head (or the académie) only
@PreAuthorize("@establishmentAccess.check(#uai)")
@Tag(name = "Codes d'activation des élèves (CAE)")
class StudentCodesApi {

    private final StudentCodes codes;

    StudentCodesApi(StudentCodes codes) {
        this.codes = codes;
    }

    @GetMapping("/students/{eleveId}/codes")
    @Operation(summary = "L'historique des CAE de l'élève, le plus récent d'abord (valeurs masquées)")
    List<CodeHistoryEntry> history(@PathVariable String uai, @PathVariable String eleveId) {
        return codes.history(uai, eleveId);
    }

    @PostMapping("/students/{eleveId}/codes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Nouveau code : invalide le CAE valide et en crée un")
    CodeHistoryEntry newCode(@PathVariable String uai, @PathVariable String eleveId) {
        return codes.newCode(uai, eleveId, user());
    }

    @PostMapping("/students/{eleveId}/codes/{codeId}/reveal")
    @Operation(summary = "Affiche la valeur d'un CAE (l'affichage est enregistré)")
    Map<String, String> reveal(@PathVariable String uai, @PathVariable String eleveId, @PathVariable long codeId) {
        return Map.of("value", codes.reveal(uai, eleveId, codeId, user()).reveal());
    }

    @GetMapping("/students/{eleveId}/access")
    @Operation(summary = "L'élève, son CAE valide et son refus éventuel")
    StudentCodes.StudentView access(@PathVariable String uai, @PathVariable String eleveId) {
        return codes.student(uai, eleveId);
    }

    @PostMapping("/students/{eleveId}/refusal")
    @Operation(summary = "Enlever l'accès (coupon « pour l'élève ») : plus de téléservices nationaux ; le CAE reste valide")
    StudentCodes.StudentView refuse(@PathVariable String uai, @PathVariable String eleveId) {
        codes.refuse(uai, eleveId, user());
        return codes.student(uai, eleveId);
    }

    @DeleteMapping("/students/{eleveId}/refusal")
    @Operation(summary = "Rétablir l'accès de l'élève aux téléservices nationaux")
    StudentCodes.StudentView withdrawRefusal(@PathVariable String uai, @PathVariable String eleveId) {
        codes.withdrawRefusal(uai, eleveId, user());
        return codes.student(uai, eleveId);
    }

    private static String user() {
        return EstablishmentAccess.currentUser().username();
    }
}
