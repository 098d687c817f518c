package fr.adminteleservices.catalogue;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.security.EstablishmentAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The académie's catalogue: read by every admin, changed by académie administrators. */
@RestController
@Tag(name = "Catalogue de l'académie")
class CatalogueApi {

    private final Catalogue catalogue;
    private final EstablishmentService establishments;

    CatalogueApi(Catalogue catalogue, EstablishmentService establishments) {
        this.catalogue = catalogue;
        this.establishments = establishments;
    }

    record CatalogueView(String academyCode, String teleservicesUrl, List<CatalogueService> services, List<Ent> ents) {
    }

    @GetMapping("/api/academy/catalogue")
    @Operation(summary = "Les téléservices (nationaux et académiques) de l'académie, leur ouverture, les ENT")
    CatalogueView get() {
        String academy = establishments.defaultAcademyCode();
        return new CatalogueView(academy, catalogue.teleservicesUrl(academy), catalogue.services(academy), catalogue.ents(academy));
    }

    /** What changes; an absent field keeps its current value. */
    record ServiceChange(Boolean open, Boolean mandatory, String url) {
    }

    @PutMapping("/api/academy/services/{code}")
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    @Operation(summary = "Ouvre ou ferme un service dans l'académie, le rend obligatoire ou non",
            description = "Le corps JSON seul suffit ({\"open\": true, \"mandatory\": true, \"url\": \"https://…\"}) ; un champ "
                    + "absent garde sa valeur. Un service rendu obligatoire s'ouvre aussitôt dans chaque établissement qui a "
                    + "déclaré utiliser les téléservices et dispose du module SIECLE correspondant.")
    CatalogueService update(@PathVariable String code, @RequestBody ServiceChange change) {
        String academy = establishments.defaultAcademyCode();
        catalogue.updateService(academy, code, change.open(), change.mandatory(), change.url(), user());
        return catalogue.service(academy, code).orElseThrow();
    }

    record AcademicService(String code, String label, String url, boolean mandatory) {
    }

    @PostMapping("/api/academy/services")
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Ajoute un service académique (ouvert dans l'académie)")
    CatalogueService add(@RequestBody AcademicService service) {
        return catalogue.addAcademicService(establishments.defaultAcademyCode(), service.code(), service.label(), service.url(),
                service.mandatory(), user());
    }

    record NewEnt(String name, String url) {
    }

    @PostMapping("/api/academy/ents")
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Ajoute un ENT de l'académie")
    List<Ent> addEnt(@RequestBody NewEnt ent) {
        String academy = establishments.defaultAcademyCode();
        catalogue.addEnt(academy, ent.name(), ent.url(), user());
        return catalogue.ents(academy);
    }

    @DeleteMapping("/api/academy/ents/{id}")
    @PreAuthorize("hasRole('ACADEMY_ADMIN')")
    @Operation(summary = "Retire un ENT des choix (les établissements qui l'ont choisi le gardent jusqu'à leur prochain changement)")
    List<Ent> removeEnt(@PathVariable long id) {
        String academy = establishments.defaultAcademyCode();
        catalogue.removeEnt(academy, id, user());
        return catalogue.ents(academy);
    }

    private static String user() {
        return EstablishmentAccess.currentUser().username();
    }

    @ExceptionHandler(CatalogueException.class)
    ResponseEntity<Map<String, Object>> refused(CatalogueException e) {
        return ResponseEntity.badRequest().body(Map.of("status", 400, "message", e.getMessage()));
    }
}
