package fr.adminteleservices.siecle;

import static fr.adminteleservices.support.SiecleFixtures.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.support.SiecleFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A new establishment, and the SIECLE import process started on its staged exports as the import service starts it. */
abstract class SiecleProcesses {

    static final String PROCESS = "siecle-import";

    @Autowired
    ProcessEngine engine;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    fr.adminteleservices.enrolment.Teleinscription teleinscription;

    String uai;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

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

    // ------------------------------------------------------------ the guard on mass departures (issue 14)

    /** 30 students, then an export of 2: 28 would leave, over max(10 %, 20). */
    ProcessInstance startMassDeparture() {
        StringBuilder all = new StringBuilder();
        StringBuilder divisions = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            all.append(eleve(String.valueOf(i), "Élève" + i, "Léa", "03/04/2012", ""));
            divisions.append(division(String.valueOf(i), i % 2 == 0 ? "3A" : "3B"));
        }
        assertThat(start(stage(upload("ElevesSansAdresses.xml", eleves(uai, all.toString(), divisions.toString())))))
                .isEnded().hasNotPassed("ConfirmerImport");
        return start(stage(upload("ElevesSansAdresses.xml", eleves(uai,
                eleve("1", "Élève1", "Léa", "03/04/2012", "") + eleve("2", "Élève2", "Léa", "03/04/2012", ""),
                division("1", "3B") + division("2", "3A")))));
    }

    int present() {
        return jdbc.queryForObject("select count(*) from student where uai = ? and left_on is null", Integer.class, uai);
    }

    String pendingState(ProcessInstance pi) {
        return jdbc.queryForObject("select state from siecle_import_pending where process_instance_id = ?", String.class,
                pi.getId());
    }

    /** A week and a minute later, the timer cancels the held import: nothing applied, the import expired. */
    void expiresSevenDaysAfter(Instant now, ProcessInstance pi) {
        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofDays(7)).plusSeconds(60)));
        execute(job(pi));

        assertThat(pi).isEnded().hasPassed("DelaiDepasse", "AnnulerImport", "ImportAnnule").hasNotPassed("AppliquerImportConfirme");
        org.assertj.core.api.Assertions.assertThat(pendingState(pi)).isEqualTo("EXPIRED");
    }

    // ------------------------------------------------------------ options of an open téléinscription (issue 14, point 5)

    int options() {
        return jdbc.queryForObject("select count(*) from mef_programme where uai = ? and modality in ('O', 'F')",
                Integer.class, uai);
    }

    /** A full profile applied, the téléinscription opened for the establishment, then a Nomenclature without options. */
    ProcessInstance startOptionsRemoval() {
        assertThat(start(stage(upload("Nomenclature.xml", SiecleImportGuardContract.fullProfile(uai))))).isEnded();
        teleinscription.configure("demo", establishments.currentSchoolYear("demo").orElseThrow().startsOn(), java.util.List.of(uai), "test");
        return start(stage(upload("Nomenclature.xml", SiecleImportGuardContract.profileWithoutOptions(uai))));
    }

    boolean validCae(String eleveId) {
        return jdbc.queryForObject("select count(*) from student_code c join student s on s.id = c.valid_student_id "
                + "where s.uai = ? and s.eleve_id = ?", Integer.class, uai, eleveId) == 1;
    }
}
