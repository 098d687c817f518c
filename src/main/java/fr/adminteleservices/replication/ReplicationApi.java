package fr.adminteleservices.replication;

import fr.adminteleservices.security.EstablishmentAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
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
    @Operation(summary = "Lance la réplication maintenant ; répond quand elle est terminée, avec les nombres copiés")
    ReplicationRun run() {
        return replication.runNow(EstablishmentAccess.currentUser().username());
    }

    @GetMapping("/api/replication/runs")
    @Operation(summary = "Les dernières réplications, la plus récente d'abord")
    List<ReplicationRun> recent() {
        return service.recentRuns(50);
    }
}
