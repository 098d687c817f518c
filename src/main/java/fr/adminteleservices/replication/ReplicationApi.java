package fr.adminteleservices.replication;

import fr.adminteleservices.security.EstablishmentAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Réplication")
@PreAuthorize("hasRole('ACADEMY_ADMIN')")
class ReplicationApi {

    private final Replication replication;
    private final ReplicationService service;

    ReplicationApi(Replication replication, ReplicationService service) {
        this.replication = replication;
        this.service = service;
    }

    @PostMapping("/api/replication/runs")
    @Operation(summary = "Lance la réplication maintenant ; répond quand elle est terminée, avec les nombres copiés ; "
            + "409 avec l'avancement quand une réplication est déjà en cours")
    ReplicationRun run() {
        return replication.runNow(EstablishmentAccess.currentUser().username());
    }

    /** 409 « une réplication est en cours », with that run's progress. */
    @ExceptionHandler(ReplicationInProgress.class)
    ResponseEntity<Map<String, Object>> inProgress(ReplicationInProgress e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 409);
        body.put("message", e.getMessage());
        body.put("run", e.running());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
    }

    @GetMapping("/api/replication/runs")
    @Operation(summary = "Les dernières réplications, la plus récente d'abord")
    List<ReplicationRun> recent() {
        return service.recentRuns(50);
    }
}
