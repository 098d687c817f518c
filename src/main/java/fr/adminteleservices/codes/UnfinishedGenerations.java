package fr.adminteleservices.codes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * No code without its lifecycle: a generation writes its codes by chunks, then starts
 * {@code processes/code-generation.bpmn}; a node that dies in between leaves committed codes with no
 * lifecycle (they would never expire) and a progress stuck at « 0 sur N ». At start-up and then every
 * {@code teleservices.codes.generation-sweep-every}, each generation unfinished for longer than
 * {@code teleservices.codes.generation-takeover-after} and without its process is taken over: its count
 * becomes the codes actually written and its process starts. A conditional update on the generation
 * lets one node only take it over.
 */
@Component
class UnfinishedGenerations {

    private static final Logger log = LoggerFactory.getLogger(UnfinishedGenerations.class);

    private final CodeMapper mapper;
    private final CodeLifecycles lifecycles;
    private final RuntimeService runtime;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final Duration takeoverAfter;

    UnfinishedGenerations(CodeMapper mapper, CodeLifecycles lifecycles, RuntimeService runtime, PlatformTransactionManager transactions,
                          Clock clock, CodesProperties properties) {
        this.mapper = mapper;
        this.lifecycles = lifecycles;
        this.runtime = runtime;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.takeoverAfter = properties.generationTakeoverAfter();
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        sweep();
    }

    @Scheduled(initialDelayString = "${teleservices.codes.generation-sweep-every}",
            fixedDelayString = "${teleservices.codes.generation-sweep-every}")
    // once per cluster and per period: the nodes' timers are not in step, the lock outlives the sweep
    @SchedulerLock(name = "unfinished-generations", lockAtLeastFor = "PT5M", lockAtMostFor = "PT30M")
    public void onTimer() {
        sweep();
    }

    /** Takes over the generations left unfinished; returns how many. */
    int sweep() {
        Instant now = clock.instant();
        Instant before = now.minus(takeoverAfter);
        int taken = 0;
        for (CodeMapper.GenerationRow g : mapper.findUnfinishedGenerations(before)) {
            Boolean took = ownTransaction.execute(t -> takeOver(g, now, before));
            if (Boolean.TRUE.equals(took)) {
                taken++;
            }
        }
        return taken;
    }

    private boolean takeOver(CodeMapper.GenerationRow g, Instant now, Instant before) {
        if (mapper.claimUnfinishedGeneration(g.id(), now, before) == 0) {
            return false; // another node took it over meanwhile
        }
        if (runtime.createProcessInstanceQuery().processDefinitionKey(CodeLifecycles.GENERATION_PROCESS)
                .processInstanceBusinessKey(g.id()).count() > 0) {
            return false; // its process runs (or waits in an incident): nothing was lost
        }
        int written = mapper.countGenerationCodes(g.id(), g.kind());
        mapper.updateGenerationCodes(g.id(), written);
        lifecycles.generationCreated(g.uai(), g.id(), g.kind());
        log.info("Generation {} of {} ({}) was left unfinished: its {} code(s) get their lifecycles now", g.id(), g.uai(), g.kind(),
                written);
        return true;
    }
}
