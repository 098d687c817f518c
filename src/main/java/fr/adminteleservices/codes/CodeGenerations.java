package fr.adminteleservices.codes;

import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Where a generation stands: codes written, lifecycles started (the screen's progress bar). */
@Service
public class CodeGenerations {

    private final CodeMapper mapper;

    CodeGenerations(CodeMapper mapper) {
        this.mapper = mapper;
    }

    public Progress progress(String uai, String id) {
        CodeMapper.GenerationRow g = mapper.findGeneration(uai, id);
        if (g == null) {
            throw new CodeRefused(HttpStatus.NOT_FOUND, "Génération de codes inconnue.");
        }
        return new Progress(g.id(), g.kind(), g.requestedBy(), g.requestedAt(), g.codes(), g.lifecyclesStarted(),
                g.lifecyclesDoneAt() != null, g.lifecyclesDoneAt());
    }

    public record Progress(String id, CodeKind kind, String requestedBy, Instant requestedAt, int codes, int lifecyclesStarted,
                           boolean done, Instant doneAt) {
    }
}
