package fr.adminteleservices.siecle;

import fr.adminteleservices.establishment.EstablishmentService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    /** The error answer's schema, declared once in the API description (home.ApiDescription). */
    private static final String ERROR = "#/components/schemas/Erreur";

    private static final Logger log = LoggerFactory.getLogger(SiecleImportApi.class);

    private final SiecleImportService imports;
    private final EstablishmentService establishments;

    SiecleImportApi(SiecleImportService imports, EstablishmentService establishments) {
        this.imports = imports;
        this.establishments = establishments;
    }

    @Operation(summary = "Importe un ou plusieurs exports SIECLE (parties multipart « files »)",
            description = "Tout ou rien : un fichier refusé (UAJ d'un autre établissement, autre année scolaire, export "
                    + "plus ancien que le dernier importé, XML mal formé) donne 400 (413 s'il est démesuré) et rien n'est "
                    + "enregistré. Les enregistrements rejetés un à un sont listés dans « rejected ». Un import qui ferait "
                    + "partir trop d'élèves, ou dont la Nomenclature retirerait des options de la téléinscription ouverte, "
                    + "n'est pas appliqué : 202 avec « awaitingConfirmation » et « confirmation » (« optionsRemoved »). "
                    + "409 si un autre import de l'établissement est en cours.")
    @ApiResponse(responseCode = "200", description = "Import appliqué : le rapport (créés, modifiés, partis, rejetés)")
    @ApiResponse(responseCode = "202", description = "Import retenu, en attente de confirmation du chef d'établissement : "
            + "« awaitingConfirmation » et « confirmation » (adresses de confirmation et d'annulation)")
    @ApiResponse(responseCode = "400", description = "Fichier refusé, rien n'est enregistré : export d'un autre établissement ou "
            + "d'une autre année, plus ancien que le dernier importé, XML mal formé, type d'export inconnu", content = @Content(mediaType = "application/json", schema = @Schema(ref = ERROR)))
    @ApiResponse(responseCode = "404", description = "Établissement inconnu", content = @Content(mediaType = "application/json", schema = @Schema(ref = ERROR)))
    @ApiResponse(responseCode = "409", description = "Un autre import de l'établissement est en cours", content = @Content(mediaType = "application/json", schema = @Schema(ref = ERROR)))
    @ApiResponse(responseCode = "413", description = "Fichier bien plus gros qu'un export SIECLE", content = @Content(mediaType = "application/json", schema = @Schema(ref = ERROR)))
    @PostMapping(path = "/api/establishments/{uai}/siecle-imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("@establishmentAccess.check(#uai)")
    ResponseEntity<ImportReport> importExports(@PathVariable String uai, @RequestParam("files") List<MultipartFile> files,
                                               Principal user) {
        establishments.get(uai);
        return answer(imports.importExports(uai, SiecleUploads.of(files), user.getName()));
    }

    @Operation(summary = "Rapport d'un import passé, ou état d'un import en attente de confirmation")
    @ApiResponse(responseCode = "200", description = "Le rapport, ou l'état de l'import retenu (AWAITING_CONFIRMATION, "
            + "CONFIRMED, CANCELLED, EXPIRED)")
    @ApiResponse(responseCode = "404", description = "Aucun import de ce numéro dans l'établissement", content = @Content)
    @GetMapping("/api/establishments/{uai}/siecle-imports/{importId}")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    ResponseEntity<ImportReport> report(@PathVariable String uai, @PathVariable String importId) {
        return ResponseEntity.of(imports.report(uai, importId));
    }

    @Operation(summary = "Confirme un import en attente : il est appliqué tel qu'il a été déposé",
            description = "200 avec le rapport de l'import appliqué ; 409 s'il a déjà été confirmé, annulé ou s'il a expiré.")
    @ApiResponse(responseCode = "200", description = "Import appliqué : son rapport")
    @ApiResponse(responseCode = "404", description = "Aucun import de ce numéro dans l'établissement", content = @Content(mediaType = "application/json", schema = @Schema(ref = ERROR)))
    @ApiResponse(responseCode = "409", description = "Import déjà confirmé, annulé ou expiré, ou un autre import en cours", content = @Content(mediaType = "application/json", schema = @Schema(ref = ERROR)))
    @PostMapping("/api/establishments/{uai}/siecle-imports/{importId}/confirmation")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    ImportReport confirm(@PathVariable String uai, @PathVariable String importId, Principal user) {
        return imports.confirm(uai, importId, user.getName());
    }

    @Operation(summary = "Annule un import en attente : rien n'est modifié",
            description = "200 avec l'état de l'import (« confirmation.state » : CANCELLED) ; 409 s'il n'attend plus.")
    @ApiResponse(responseCode = "200", description = "Import annulé : son état (« confirmation.state » : CANCELLED)")
    @ApiResponse(responseCode = "404", description = "Aucun import de ce numéro dans l'établissement", content = @Content(mediaType = "application/json", schema = @Schema(ref = ERROR)))
    @ApiResponse(responseCode = "409", description = "Import déjà confirmé, annulé ou expiré", content = @Content(mediaType = "application/json", schema = @Schema(ref = ERROR)))
    @PostMapping("/api/establishments/{uai}/siecle-imports/{importId}/cancellation")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    ImportReport cancel(@PathVariable String uai, @PathVariable String importId, Principal user) {
        return imports.cancel(uai, importId, user.getName());
    }

    private static ResponseEntity<ImportReport> answer(ImportReport report) {
        return ResponseEntity.status(report.awaitingConfirmation() ? HttpStatus.ACCEPTED : HttpStatus.OK).body(report);
    }

    /** A client's mistake: one INFO line, no stack trace. */
    @ExceptionHandler(SiecleFormatException.class)
    ResponseEntity<Map<String, Object>> refused(SiecleFormatException e) {
        HttpStatus status = e instanceof SiecleFileTooLargeException ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
        log.info("SIECLE import refused ({}): {}", status.value(), e.getMessage());
        return ResponseEntity.status(status).body(Map.of("status", status.value(), "message", e.getMessage()));
    }

    @ExceptionHandler({ImportClaims.ImportRunningException.class, SiecleImportService.ImportDecidedException.class})
    ResponseEntity<Map<String, Object>> conflict(RuntimeException e) {
        log.info("SIECLE import refused (409): {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("status", 409, "message", e.getMessage()));
    }

    @ExceptionHandler(SiecleImportService.UnknownImportException.class)
    ResponseEntity<Map<String, Object>> unknown(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("status", 404, "message", e.getMessage()));
    }
}
