package fr.adminteleservices.codes;

import fr.adminteleservices.support.EstablishmentFixtures;
import static fr.adminteleservices.support.Heads.headOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.Heads;
import java.time.Clock;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * A new establishment with its head, Léa (3A) with Paul, Claire and a nanny, Hugo (3B) with Anne, the service « Notes »
 * open: what the CAR tests start from, and their calls of the head's API.
 */
abstract class EstablishmentWithCouples {

    static final String CODE_PATTERN = "[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}";

    @Autowired
    MockMvc mvc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    EstablishmentFixtures fixtures;
    @Autowired
    ServiceOpening opening;
    @Autowired
    SiecleImportService imports;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;
    @Autowired
    UnfinishedGenerations sweep;

    String uai;

    @BeforeEach
    void establishmentWithCouples() {
        init(engine);
        uai = fixtures.establishment().families(Families::martinAndBernard).open("NOTES").create();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    String base() {
        return "/api/establishments/" + uai;
    }

    ResultActions generate(String json) throws Exception {
        return mvc.perform(post(base() + "/guardian-codes/generation").with(headOf(uai))
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    long linkOf(String personneId) {
        return jdbc.queryForObject("select l.id from guardian_link l join guardian g on g.id = l.guardian_id "
                + "where l.uai = ? and g.personne_id = ?", Long.class, uai, personneId);
    }

    /** Runs the generation's background jobs, as the job executor does in the running application. */
    void runGenerationJobs() {
        for (ProcessInstance pi : engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("code-generation")
                .tenantIdIn(uai).active().list()) {
            while (!engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi.getId()).list().isEmpty()) {
                assertThat(pi).isWaitingAt("DemarrerCycles");
                execute(job(pi));
            }
        }
    }
}
