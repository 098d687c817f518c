package fr.adminteleservices.establishment;

import fr.adminteleservices.security.EstablishmentAccess;
import fr.adminteleservices.security.TeleservicesUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Établissements", description = "Établissements de l'académie et comptes des chefs d'établissement")
class EstablishmentApi {

    private final EstablishmentService establishments;

    EstablishmentApi(EstablishmentService establishments) {
        this.establishments = establishments;
    }

    @Operation(summary = "Établissements visibles par l'utilisateur (tous pour l'académie, le sien pour un chef)")
    @GetMapping("/api/establishments")
    List<Establishment> list() {
        TeleservicesUser user = EstablishmentAccess.currentUser();
        return establishments.ofAcademy(establishments.defaultAcademyCode()).stream()
                .filter(e -> user != null && user.canAccess(e.uai())).toList();
    }

    @Operation(summary = "Un établissement")
    @GetMapping("/api/establishments/{uai}")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    Establishment get(@PathVariable String uai) {
        return establishments.get(uai);
    }

    @Operation(summary = "Enregistre un établissement de l'académie (administrateur académique)")
    @PostMapping("/api/establishments")
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    Establishment register(@Valid @RequestBody EstablishmentForm form) {
        return establishments.register(form);
    }

    @Operation(summary = "Crée le compte d'un chef d'établissement (administrateur académique)")
    @PostMapping("/api/establishments/{uai}/heads")
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    void createHead(@PathVariable String uai, @Valid @RequestBody HeadAccountForm form) {
        establishments.createHead(uai, form);
    }
}
