package fr.adminteleservices.siecle;

import static fr.adminteleservices.support.SiecleFixtures.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * processes/siecle-planned-exits.bpmn (issue 14, point 6): a student whose export gives a future DATE_SORTIE stays present
 * until that day, then the nightly run makes them leave; on H2 and on MariaDB.
 */
abstract class SieclePlannedExitsProcessContract extends SiecleProcesses {

    @Test
    void aPlannedExitKeepsTheStudentPresentUntilItsDayThenTheNightlyRunMakesThemLeave() {
        Instant now = Instant.now();
        ClockUtil.setCurrentTime(Date.from(now));
        java.time.LocalDate exitDay = java.time.LocalDate.now().plusDays(10);
        String exit = exitDay.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        ProcessInstance pi = start(stage(upload("ElevesSansAdresses.xml", eleves(uai,
                eleve("1", "Martin", "Léa", "03/04/2012", "<DATE_SORTIE>" + exit + "</DATE_SORTIE>")
                        + eleve("2", "Petit", "Hugo", "03/04/2012", ""),
                division("1", "3A") + division("2", "3A")))));
        assertThat(pi).isEnded();
        org.assertj.core.api.Assertions.assertThat(present()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(validCae("1")).isTrue();

        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofDays(11))));
        org.camunda.bpm.engine.runtime.Job nightly = engine.getManagementService().createJobQuery()
                .processDefinitionKey("siecle-planned-exits").timers().singleResult();
        execute(nightly);

        String run = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("siecle-planned-exits")
                .orderByProcessInstanceStartTime().desc().list().get(0).getId();
        org.assertj.core.api.Assertions.assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(run).activityId("SortiesAppliquees").count()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(jdbc.queryForObject(
                "select left_on from student where uai = ? and eleve_id = '1'", java.time.LocalDate.class, uai)).isEqualTo(exitDay);
        org.assertj.core.api.Assertions.assertThat(present()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(validCae("1")).isFalse();
        org.assertj.core.api.Assertions.assertThat(validCae("2")).isTrue();
    }
}
