package fr.adminteleservices.codes;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.SiecleFixtures;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One couple of a new establishment with its CAR and the student's CAE, as the generation leaves them; the code
 * lifecycles are started by the tests on their own, for one code (the generation process starts them in the application).
 */
abstract class OneCoupleWithItsCodes {

    @Autowired
    ProcessEngine engine;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    SiecleImportService imports;
    @Autowired
    ServiceOpening opening;
    @Autowired
    GuardianCodes guardianCodes;
    @Autowired
    JdbcTemplate jdbc;

    String uai;
    long carId;
    long caeId;

    @BeforeEach
    void oneCoupleWithItsCodes() {
        init(engine);
        uai = SiecleFixtures.newEstablishment(establishments);
        imports.importExports(uai, Families.of(uai).student("1", "Martin", "Léa", "03/04/2012", "3A")
                .guardian("10", "M.", "Martin", "Paul", "1").exports(), "test");
        opening.declare(uai, "test");
        opening.setOpen(uai, "NOTES", true, "test");
        guardianCodes.generate(uai, null, true, null, null, "test");
        carId = jdbc.queryForObject("select id from guardian_code where uai = ? and valid_link_id is not null", Long.class, uai);
        caeId = jdbc.queryForObject("select id from student_code where uai = ? and valid_student_id is not null", Long.class, uai);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    ProcessInstance start(String process, String prefix, long codeId) {
        return engine.getRuntimeService().startProcessInstanceByKey(process, prefix + codeId, Map.of("uai", uai, "codeId", codeId));
    }

    void correlate(String message, String businessKey) {
        engine.getRuntimeService().createMessageCorrelation(message).processInstanceBusinessKey(businessKey).correlate();
    }
}
