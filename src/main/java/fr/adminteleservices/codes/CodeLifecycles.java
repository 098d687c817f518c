package fr.adminteleservices.codes;

import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The bridge to the lifecycle processes: {@code processes/car-lifecycle.bpmn} (one instance per
 * CAR, business key {@code CAR-<id>}) and {@code processes/code-generation.bpmn} (starts them in
 * the background, by chunks, after a generation).
 */
@Component
class CodeLifecycles {

    static final String CAR_PROCESS = "car-lifecycle";
    static final String GENERATION_PROCESS = "code-generation";
    static final String CAR_INVALIDATED = "car-invalide";
    static final String CAR_USED = "car-utilise";
    static final String CAE_PROCESS = "cae-lifecycle";
    static final String CAE_INVALIDATED = "cae-invalide";
    static final String CAE_USED = "cae-utilise";

    private final RuntimeService runtime;

    CodeLifecycles(RuntimeService runtime) {
        this.runtime = runtime;
    }

    static String carKey(long codeId) {
        return "CAR-" + codeId;
    }

    /** Starts the bookkeeping of a generation; its first step is asynchronous, so this returns at once. */
    void generationCreated(String uai, String generationId, CodeKind kind) {
        runtime.startProcessInstanceByKey(GENERATION_PROCESS, generationId,
                Map.of("uai", uai, "generationId", generationId, "kind", kind.name()));
    }

    static String caeKey(long codeId) {
        return "CAE-" + codeId;
    }

    void startCae(String uai, long codeId) {
        runtime.startProcessInstanceByKey(CAE_PROCESS, caeKey(codeId), Map.of("uai", uai, "codeId", codeId));
    }

    /** The CAE was invalidated (new code, student leaving): its lifecycle ends. */
    void caeInvalidated(long codeId, String reason) {
        runtime.createMessageCorrelation(CAE_INVALIDATED).processInstanceBusinessKey(caeKey(codeId))
                .setVariable("invalidationReason", reason).correlateAllWithResult();
    }

    /** An account was confirmed with the code: its lifecycle ends ("Code utilisé"). */
    void carUsed(long codeId) {
        runtime.createMessageCorrelation(CAR_USED).processInstanceBusinessKey(carKey(codeId)).correlateAllWithResult();
    }

    void caeUsed(long codeId) {
        runtime.createMessageCorrelation(CAE_USED).processInstanceBusinessKey(caeKey(codeId)).correlateAllWithResult();
    }

    /** The lifecycles of a generation's chunk, in the caller's transaction. */
    void startCars(String uai, List<Long> codeIds) {
        startAll(CAR_PROCESS, CodeLifecycles::carKey, uai, codeIds);
    }

    void startCaes(String uai, List<Long> codeIds) {
        startAll(CAE_PROCESS, CodeLifecycles::caeKey, uai, codeIds);
    }

    /**
     * The first start finds the latest version of the process as any start by key does; the others start that
     * same version by its id, found in the transaction's cache: by key, each start queried the database for the
     * latest version (8 % of the CPU of starting lifecycles, CodeGenerationBenchmark).
     */
    private void startAll(String process, LongFunction<String> key, String uai, List<Long> codeIds) {
        String definitionId = null;
        for (long codeId : codeIds) {
            Map<String, Object> variables = Map.of("uai", uai, "codeId", codeId);
            ProcessInstance started = definitionId == null
                    ? runtime.startProcessInstanceByKey(process, key.apply(codeId), variables)
                    : runtime.startProcessInstanceById(definitionId, key.apply(codeId), variables);
            definitionId = started.getProcessDefinitionId();
        }
    }

    /** The code was invalidated (new code, refusal, student leaving): its lifecycle ends. */
    void carInvalidated(long codeId, String reason) {
        runtime.createMessageCorrelation(CAR_INVALIDATED).processInstanceBusinessKey(carKey(codeId))
                .setVariable("invalidationReason", reason).correlateAllWithResult();
    }
}
