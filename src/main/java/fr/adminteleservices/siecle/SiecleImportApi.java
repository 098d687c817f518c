package fr.adminteleservices.siecle;

import fr.adminteleservices.establishment.EstablishmentService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@Tag(name = "Import SIECLE", description = "Import des exports SIECLE d'un établissement")
class SiecleImportApi {

    private final SiecleImportService imports;
    private final EstablishmentService establishments;

    SiecleImportApi(SiecleImportService imports, EstablishmentService establishments) {
        this.imports = imports;
        this.establishments = establishments;
    }

    @Operation(summary = "Importe un ou plusieurs exports SIECLE (parties multipart « files »)",
            description = "Tout ou rien : un fichier refusé (UAJ d'un autre établissement, XML mal formé) donne 400 et "
                    + "rien n'est enregistré. Les enregistrements rejetés un à un sont listés dans « rejected ».")
    @PostMapping(path = "/api/establishments/{uai}/siecle-imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("@establishmentAccess.check(#uai)")
    ImportReport importExports(@PathVariable String uai, @RequestParam("files") List<MultipartFile> files, Principal user) {
        establishments.get(uai);
        return imports.importExports(uai, SiecleUploads.of(files), user.getName());
    }

    @Operation(summary = "Rapport d'un import passé")
    @GetMapping("/api/establishments/{uai}/siecle-imports/{importId}")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    ResponseEntity<ImportReport> report(@PathVariable String uai, @PathVariable String importId) {
        return ResponseEntity.of(imports.report(uai, importId));
    }

    @ExceptionHandler(SiecleFormatException.class)
    ResponseEntity<Map<String, Object>> refused(SiecleFormatException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .body(Map.of("status", 400, "message", e.getMessage()));
    }
}
