package fr.adminteleservices.codes;

import java.time.Clock;
import java.util.List;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of {@code processes/code-generation.bpmn} and {@code processes/car-lifecycle.bpmn}. */
@Configuration
class LifecycleTasks {

    /** Lifecycles started per transaction: one job of the generation process. */
    static final int LIFECYCLES_PER_TRANSACTION = 200;
    static final String EXPIRED = "Expiré : aucun compte créé avec ce code dans l'année";

    /**
     * "Démarrer les cycles de vie": starts the lifecycle of the next codes of the generation that are
     * still valid, marks them started, and tells the process how many remain. Runs in the job's
     * transaction, so a failure starts nothing twice.
     */
    @Bean
    JavaDelegate lifecycleStarter(CodeMapper mapper, CodeLifecycles lifecycles, Clock clock) {
        return execution -> {
            String generationId = (String) execution.getVariable("generationId");
            String uai = (String) execution.getVariable("uai");
            boolean cae = CodeKind.CAE.name().equals(execution.getVariable("kind"));
            if (cae) {
                mapper.markInvalidStudentCodesStarted(generationId);
            } else {
                mapper.markInvalidGuardianCodesStarted(generationId);
            }
            List<Long> ids = cae ? mapper.findStudentCodesToStart(generationId, LIFECYCLES_PER_TRANSACTION)
                    : mapper.findGuardianCodesToStart(generationId, LIFECYCLES_PER_TRANSACTION);
            if (cae) {
                lifecycles.startCaes(uai, ids);
            } else {
                lifecycles.startCars(uai, ids);
            }
            if (!ids.isEmpty()) {
                if (cae) {
                    mapper.markStudentCodesStarted(ids);
                } else {
                    mapper.markGuardianCodesStarted(ids);
                }
                mapper.addLifecyclesStarted(generationId, ids.size());
            }
            int remaining = cae ? mapper.countStudentCodesToStart(generationId) : mapper.countGuardianCodesToStart(generationId);
            execution.setVariable("remaining", remaining);
            if (remaining == 0) {
                mapper.finishGeneration(generationId, clock.instant());
            }
        };
    }

    /**
     * "Remplacer le CAE expiré" (G5): a student always has a valid CAE, so the expired one is replaced
     * at once; the new one starts its own lifecycle.
     */
    @Bean
    JavaDelegate caeExpiry(StudentCodes codes, CodeLifecycles lifecycles, CodeMapper mapper) {
        return execution -> {
            long codeId = ((Number) execution.getVariable("codeId")).longValue();
            Long replacement = codes.replaceExpired(codeId, EXPIRED);
            if (replacement != null) {
                lifecycles.startCae((String) execution.getVariable("uai"), replacement);
                mapper.markStudentCodesStarted(List.of(replacement));
            }
            execution.setVariable("replacementCodeId", replacement);
        };
    }

    /** "Invalider le code expiré" (G5): a year without an account. */
    @Bean
    JavaDelegate carExpiry(CodeMapper mapper, Clock clock) {
        return execution -> {
            long codeId = ((Number) execution.getVariable("codeId")).longValue();
            int invalidated = mapper.invalidateGuardianCode(codeId, clock.instant(), EXPIRED);
            if (invalidated > 0) {
                // G4: the portal stops accepting it now, not after the night's replication
                mapper.revokeReplicatedGuardianCode(codeId);
            }
            execution.setVariable("expired", invalidated > 0);
        };
    }
}
