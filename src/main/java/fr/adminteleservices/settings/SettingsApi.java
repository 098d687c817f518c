package fr.adminteleservices.settings;

import fr.adminteleservices.establishment.Change;
import fr.adminteleservices.establishment.ChangeLog;
import fr.adminteleservices.security.EstablishmentAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Paramétrage des téléservices")
class SettingsApi {

    private final SettingsService settings;
    private final ChangeLog changes;

    SettingsApi(SettingsService settings, ChangeLog changes) {
        this.settings = settings;
        this.changes = changes;
    }

    @GetMapping("/api/establishments/{uai}/settings")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "Le paramétrage tel que saisi (effectiveFrom : le jour où il s'applique), ou celui en vigueur à une date")
    Settings get(@PathVariable String uai,
                 @Parameter(description = "date (AAAA-MM-JJ) : le paramétrage en vigueur ce jour-là")
                 @RequestParam(name = "on", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on) {
        return on == null ? settings.latest(uai) : settings.inForce(uai, on);
    }

    @PutMapping("/api/establishments/{uai}/settings")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "Modifie le paramétrage à partir du lendemain ; seuls les champs présents changent")
    Settings update(@PathVariable String uai, @RequestBody SettingsUpdate change) {
        return settings.update(uai, change, EstablishmentAccess.currentUser().username());
    }

    @GetMapping("/api/establishments/{uai}/history")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "L'historique des changements (ouverture, fermeture, paramétrage, bascule), le plus récent d'abord")
    List<Change> history(@PathVariable String uai) {
        return changes.ofEstablishment(uai, 500);
    }

    @ExceptionHandler(InvalidSettings.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidSettings e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 400);
        body.put("message", e.getMessage());
        body.put("errors", e.errors());
        return ResponseEntity.badRequest().body(body);
    }

    @ExceptionHandler(SettingsConflict.class)
    ResponseEntity<Map<String, Object>> conflict(SettingsConflict e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 409);
        body.put("message", e.getMessage());
        if (e.dueDatesLoss()) {
            body.put("confirmWith", "confirmDueDatesLoss");
        }
        return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
    }
}
