package fr.adminteleservices.opening;

import fr.adminteleservices.security.EstablishmentAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Ouverture / fermeture des téléservices")
class ServicesApi {

    private final ServiceOpening opening;

    ServicesApi(ServiceOpening opening) {
        this.opening = opening;
    }

    @GetMapping("/api/establishments/{uai}/services")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "Les téléservices du catalogue et leur état dans l'établissement")
    List<ServiceState> services(@PathVariable String uai) {
        return opening.states(uai);
    }

    @PutMapping("/api/establishments/{uai}/services/{code}")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "Ouvre ou ferme un téléservice (409 avec la raison si ce n'est pas permis)",
            description = "Fermer un service que l'académie a fermé enregistre le choix de l'établissement (chosenOpen: false) : "
                    + "il restera fermé ici quand l'académie le rouvrira. Un service laissé ouvert (chosenOpen: true) rouvre "
                    + "avec l'académie.")
    ServiceState setOpen(@PathVariable String uai, @PathVariable String code, @Valid @RequestBody OpenRequest request) {
        return opening.setOpen(uai, code, request.open(), EstablishmentAccess.currentUser().username());
    }

    @PostMapping("/api/establishments/{uai}/services/declaration")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "Déclare que l'établissement utilise les téléservices (O1)")
    Map<String, Object> declare(@PathVariable String uai) {
        opening.declare(uai, EstablishmentAccess.currentUser().username());
        return Map.of("declaredAt", opening.declaredAt(uai).orElseThrow().toString());
    }

    record OpenRequest(@NotNull(message = "Indiquez « open » : true pour ouvrir, false pour fermer.") Boolean open) {
    }

    @ExceptionHandler(ServiceChangeRefused.class)
    ResponseEntity<Map<String, Object>> refused(ServiceChangeRefused e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("status", 409, "message", e.getMessage()));
    }
}
