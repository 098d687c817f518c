package fr.adminteleservices.siecle;

import static fr.adminteleservices.support.SiecleFixtures.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.support.SiecleFixtures;
import java.nio.file.Path;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** processes/siecle-import.bpmn, one test per path, on H2 and on MariaDB. */
abstract class SiecleImportProcessContract {

    static final String PROCESS = "siecle-import";

    @Autowired
    ProcessEngine engine;
    @Autowired
    EstablishmentService establishments;

    String uai;

    @BeforeEach
    void setUp() {
        init(engine);
        uai = SiecleFixtures.newEstablishment(establishments);
    }

    ProcessInstance start(Path exports) {
        return engine.getRuntimeService().createProcessInstanceByKey(PROCESS)
                .setVariable("uai", uai)
                .setVariable("importId", UUID.randomUUID().toString())
                .setVariable("importedBy", "test")
                .setVariable("exportDirectory", exports.toString())
                .execute();
    }

    @Test
    void anImportWithoutRejectionEndsAtOnce() {
        Path exports = stage(upload("ElevesSansAdresses.xml",
                eleves(uai, eleve("1", "Martin", "Léa", "03/04/2012", ""), division("1", "3A"))));

        ProcessInstance pi = start(exports);

        assertThat(pi).isEnded().hasPassed("ExportsDeposes", "AppliquerDifference", "RejetsPresents", "ImportTermine")
                .hasNotPassed("ExaminerRejets");
        assertThat(pi).variables().containsEntry("studentsCreated", 1).containsEntry("rejectedCount", 0);
    }

    @Test
    void rejectedRecordsGiveTheHeadsOfTheEstablishmentATaskInTasklist() {
        Path exports = stage(upload("ElevesSansAdresses.xml", eleves(uai,
                eleve("1", "Martin", "Léa", "03/04/2012", "") + eleve("2", "Sans", "Naissance", "", ""),
                division("1", "3A"))));

        ProcessInstance pi = start(exports);

        assertThat(pi).isWaitingAt("ExaminerRejets").task().hasCandidateGroup("heads");
        org.assertj.core.api.Assertions.assertThat(task().getTenantId()).isEqualTo(uai);
        org.assertj.core.api.Assertions.assertThat(pi.getTenantId()).isEqualTo(uai);
        assertThat(pi).variables().containsEntry("rejectedCount", 1)
                .containsEntry("reportUrl", "/etablissements/" + uai + "/imports/"
                        + engine.getRuntimeService().getVariable(pi.getId(), "importId"));

        complete(task(), withVariables("rejetsExamines", true));

        assertThat(pi).isEnded().hasPassed("RejetsExamines");
    }

    @Test
    void aRefusedFileLeavesNoProcessInstanceBehind() {
        Path exports = stage(upload("ElevesSansAdresses.xml",
                eleves("0750654D", eleve("1", "Martin", "Léa", "03/04/2012", ""), division("1", "3A"))));
        long before = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS).count();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(exports)).isInstanceOf(SiecleFormatException.class);

        org.assertj.core.api.Assertions.assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(PROCESS).count()).isEqualTo(before);
    }
}
