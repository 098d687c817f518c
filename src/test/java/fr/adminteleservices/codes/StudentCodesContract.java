package fr.adminteleservices.codes;

import static fr.adminteleservices.support.Heads.headOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.security.Directory;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.Heads;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/** CAEs (E1, E3, G5): created and invalidated by the SIECLE import, managed by the head, replaced on expiry. */
abstract class StudentCodesContract {

    @Autowired
    MockMvc mvc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    Directory directory;
    @Autowired
    SiecleImportService imports;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;

    String uai;

    @BeforeEach
    void establishment() {
        init(engine);
        uai = Heads.newEstablishmentWithHead(establishments, directory);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    void importStudents(String secondStudentExtra) {
        imports.importExports(uai, Families.of(uai).student("1", "Martin", "Léa", "03/04/2012", "3A")
                .student("2", "Bernard", "Hugo", "05/06/2012", "3B").with(secondStudentExtra).exports(), "test");
    }

    int validCaes(String eleveId) {
        return jdbc.queryForObject("select count(*) from student_code c join student s on s.id = c.student_id "
                + "where s.uai = ? and s.eleve_id = ? and c.valid_student_id is not null", Integer.class, uai, eleveId);
    }

    int allCaes() {
        return jdbc.queryForObject("select count(*) from student_code where uai = ?", Integer.class, uai);
    }

    @Test
    void theImportGivesEachNewStudentOneCaeAndTakesItBackWhenTheStudentLeaves() throws Exception {
        importStudents("");
        assertThat(validCaes("1")).isEqualTo(1);
        assertThat(validCaes("2")).isEqualTo(1);

        importStudents("");
        assertThat(allCaes()).as("a re-import without change creates nothing").isEqualTo(2);

        importStudents("<DATE_SORTIE>15/10/2026</DATE_SORTIE>");
        assertThat(validCaes("2")).isZero();
        mvc.perform(get("/api/establishments/" + uai + "/students/2/codes").with(headOf(uai)))
                .andExpect(jsonPath("$[0].valid").value(false))
                .andExpect(jsonPath("$[0].invalidationReason").value("Départ de l'élève"));
        mvc.perform(post("/api/establishments/" + uai + "/students/2/codes").with(headOf(uai))).andExpect(status().isConflict());

        // a new entry period: the student is back, with a new CAE
        importStudents("");
        assertThat(validCaes("2")).isEqualTo(1);
        assertThat(validCaes("1")).isEqualTo(1);
        mvc.perform(get("/api/establishments/" + uai + "/students/2/codes").with(headOf(uai)))
                .andExpect(jsonPath("$.length()").value(2)).andExpect(jsonPath("$[0].valid").value(true));
    }

    @Test
    void theHeadReplacesAndShowsACaeAndARefusalForTheStudentKeepsItValid() throws Exception {
        importStudents("");
        String base = "/api/establishments/" + uai + "/students/1";

        mvc.perform(post(base + "/codes").with(headOf(uai))).andExpect(status().isCreated())
                .andExpect(jsonPath("$.valid").value(true));
        mvc.perform(get(base + "/codes").with(headOf(uai)))
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[1].invalidationReason").value("Remplacé par un nouveau code"));
        assertThat(validCaes("1")).isEqualTo(1);
        long codeId = jdbc.queryForObject("select c.id from student_code c join student s on s.id = c.valid_student_id "
                + "where s.uai = ? and s.eleve_id = '1'", Long.class, uai);
        mvc.perform(post(base + "/codes/" + codeId + "/reveal").with(headOf(uai)))
                .andExpect(jsonPath("$.value").value(matchesPattern(GuardianCodesContract.CODE_PATTERN)));

        mvc.perform(post(base + "/refusal").with(headOf(uai)))
                .andExpect(jsonPath("$.refused").value(true)).andExpect(jsonPath("$.hasValidCode").value(true));
        assertThat(validCaes("1")).as("the CAE still serves the ENT and academic applications").isEqualTo(1);
        mvc.perform(delete(base + "/refusal").with(headOf(uai))).andExpect(jsonPath("$.refused").value(false));
        mvc.perform(get("/api/establishments/" + uai + "/students/999/codes").with(headOf(uai))).andExpect(status().isNotFound());
    }

    @Test
    void anExpiredCaeIsReplacedAtOnce() {
        importStudents("");
        for (ProcessInstance pi : engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("code-generation")
                .tenantIdIn(uai).active().list()) {
            execute(job(pi));
            assertThat(pi).isEnded();
        }
        long codeId = jdbc.queryForObject("select c.id from student_code c join student s on s.id = c.valid_student_id "
                + "where s.uai = ? and s.eleve_id = '1'", Long.class, uai);
        ProcessInstance lifecycle = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey("CAE-" + codeId).singleResult();
        assertThat(lifecycle).isWaitingAt("EnAttente");

        ClockUtil.setCurrentTime(Date.from(clock.instant().plus(Duration.ofDays(367))));
        execute(job(lifecycle));

        assertThat(lifecycle).isEnded().hasPassed("InvaliderCodeExpire", "CodeExpire");
        assertThat(validCaes("1")).as("a student always has a valid CAE").isEqualTo(1);
        long replacement = jdbc.queryForObject("select c.id from student_code c join student s on s.id = c.valid_student_id "
                + "where s.uai = ? and s.eleve_id = '1'", Long.class, uai);
        assertThat(replacement).isNotEqualTo(codeId);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey("CAE-" + replacement)
                .singleResult()).isWaitingAt("EnAttente");
    }
}
