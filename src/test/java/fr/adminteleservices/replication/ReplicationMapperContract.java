package fr.adminteleservices.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import fr.adminteleservices.support.Families;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;

/** ReplicationMapper's SQL alone, on each database: what of an establishment reaches the téléservices side, and its removal. */
// each test rolled back: @MybatisTest's @Transactional on the concrete class does not reach the methods declared here
@Transactional
abstract class ReplicationMapperContract {

    static final String UAI = "0990993P";
    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    @Autowired
    ReplicationMapper replication;
    @Autowired
    JdbcTemplate jdbc;

    Families.Rows rows;
    int hashes;

    /** Léa (3A) with Paul (valid CAR), Claire (CAR withdrawn) and a nanny; Hugo (3B) with Anne; Chloé, who left, with Émile. */
    @BeforeEach
    void familiesWithCodes() {
        rows = Families.martinAndBernard(UAI)
                .student("3", "Petit", "Chloé", "07/08/2012", "3B").leftOn("19/11/2026")
                .guardian("14", "M.", "Petit", "Émile", "1")
                .insert(jdbc);
        jdbc.update("insert into mef (uai, code, label, edition_label, mefstat) values (?, '10310019110', '3EME', '3ème', '1031')", UAI);
        code("guardian_code", "link_id", "valid_link_id", rows.link("1", "10"), true);
        code("guardian_code", "link_id", "valid_link_id", rows.link("1", "11"), false);
        code("guardian_code", "link_id", "valid_link_id", rows.link("3", "14"), true);
        code("student_code", "student_id", "valid_student_id", rows.student("1"), true);
        code("student_code", "student_id", "valid_student_id", rows.student("3"), true);
    }

    void code(String table, String owner, String validOwner, long ownerId, boolean valid) {
        MapSqlParameterSource code = new MapSqlParameterSource().addValue("uai", UAI)
                .addValue(owner, ownerId).addValue("lookup_hash", "%064d".formatted(++hashes)).addValue("encrypted_value", "chiffré")
                .addValue("hint", "AB").addValue("created_at", Timestamp.from(Instant.parse("2026-11-01T08:00:00Z")))
                .addValue("valid_from", LocalDate.of(2026, 11, 2)).addValue(validOwner, valid ? ownerId : null)
                .addValue("invalidated_at", valid ? null : Timestamp.from(Instant.parse("2026-11-03T08:00:00Z")));
        new SimpleJdbcInsert(jdbc).withTableName(table).usingColumns(code.getParameterNames()).execute(code);
    }

    int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table + " where uai = ?", Integer.class, UAI);
    }

    void replicate() {
        replication.clearEstablishment(UAI);
        assertThat(replication.copyEstablishment(UAI, Instant.parse("2026-11-20T01:00:00Z"), "copy-1")).isEqualTo(1);
        merge();
    }

    /** The big tables merged, as ReplicationService merges them. */
    void merge() {
        replication.mergeFamilies(UAI, TODAY);
        replication.mergeConsultationRecords(UAI);
    }

    static final Map<String, String> MERGED = Map.of("ts_student", "id", "ts_guardian", "id", "ts_guardian_link", "id",
            "ts_guardian_code", "id", "ts_student_code", "id", "ts_assessment", "id",
            "ts_assessment_grade", "assessment_id, student_id", "ts_absence", "id", "ts_lpc_validation", "id");

    long assessment(String title, LocalDate heldOn) {
        MapSqlParameterSource row = new MapSqlParameterSource().addValue("uai", UAI).addValue("structure_code", "3A")
                .addValue("subject", "Mathématiques").addValue("title", title).addValue("held_on", heldOn)
                .addValue("published_on", heldOn.plusDays(2));
        return new SimpleJdbcInsert(jdbc).withTableName("assessment").usingColumns(row.getParameterNames())
                .usingGeneratedKeyColumns("id").executeAndReturnKey(row).longValue();
    }

    void grade(long assessment, long student, String grade) {
        jdbc.update("insert into assessment_grade (assessment_id, student_id, uai, grade) values (?, ?, ?, ?)", assessment,
                student, UAI, new java.math.BigDecimal(grade));
    }

    void absence(long student, LocalDate on) {
        jdbc.update("insert into absence (uai, student_id, absent_on, half_day, hours, justified) values (?, ?, ?, 'MORNING', 4, false)",
                UAI, student, on);
    }

    /** Every merged table's rows of the establishment, in key order. */
    Map<String, List<Map<String, Object>>> familiesSide() {
        Map<String, List<Map<String, Object>>> tables = new java.util.TreeMap<>();
        MERGED.forEach((table, key) -> tables.put(table,
                jdbc.queryForList("select * from " + table + " where uai = ? order by " + key, UAI)));
        return tables;
    }

    @Test
    void presentStudentsTheirCouplesAndValidCodesOnly() {
        replicate();
        // the copy's own stamp, on which the portal's decided pages key (consultation.DecidedPages)
        assertThat(jdbc.queryForObject("select copy_stamp from ts_establishment where uai = ?", String.class, UAI)).isEqualTo("copy-1");

        assertThat(jdbc.queryForList("select eleve_id, first_name, mefstat, division_code from ts_student where uai = ? order by eleve_id",
                UAI)).extracting(r -> r.get("eleve_id"), r -> r.get("first_name"), r -> r.get("mefstat"), r -> r.get("division_code"))
                .containsExactly(tuple("1", "Léa", "1031", "3A"), tuple("2", "Hugo", "1031", "3B"));
        // Émile stays a guardian of the establishment (he has not left it), his couple with Chloé does not
        assertThat(count("ts_guardian")).isEqualTo(5);
        assertThat(jdbc.queryForList("select id from ts_guardian_link where uai = ?", Long.class, UAI)).containsExactlyInAnyOrder(
                rows.link("1", "10"), rows.link("1", "11"), rows.link("1", "12"), rows.link("2", "13"));
        assertThat(jdbc.queryForList("select link_id from ts_guardian_code where uai = ?", Long.class, UAI))
                .containsExactly(rows.link("1", "10"));
        assertThat(jdbc.queryForList("select student_id from ts_student_code where uai = ?", Long.class, UAI))
                .containsExactly(rows.student("1"));
        // the value itself never leaves the administrative side
        assertThat(jdbc.queryForList("select * from ts_guardian_code where uai = ?", UAI)).allSatisfy(r ->
                assertThat(r.keySet()).map(String::toLowerCase).doesNotContain("encrypted_value"));
    }

    @Test
    void aNightLaterTheMergeLeavesWhatACopyFromNothingWould() {
        long leaStudent = rows.student("1");
        long hugo = rows.student("2");
        long fractions = assessment("Fractions", TODAY.minusDays(10));
        grade(fractions, leaStudent, "12.5");
        grade(fractions, hugo, "14");
        absence(leaStudent, TODAY.minusDays(3));
        absence(hugo, TODAY.minusDays(3));
        jdbc.update("insert into lpc_validation (uai, student_id, competence, validated_on) values (?, ?, 'Compétence 1', ?)",
                UAI, leaStudent, TODAY.minusDays(5));
        replicate();
        Map<String, List<Map<String, Object>>> before = familiesSide();

        // the day's changes: Hugo leaves, Léa is renamed, Anne changes her e-mail address, Paul's CAR is withdrawn and
        // Claire gets one, a CAE for Hugo (who left: not copied)
        jdbc.update("update student set left_on = ? where id = ?", TODAY.minusDays(1), rows.student("2"));
        jdbc.update("update student set first_name = 'Léa-Rose' where id = ?", rows.student("1"));
        jdbc.update("update guardian set email = 'anne.bernard@example.fr' where id = ?", rows.guardian("13"));
        jdbc.update("update guardian_code set valid_link_id = null, invalidated_at = ? where valid_link_id = ?",
                Timestamp.from(Instant.parse("2026-11-19T08:00:00Z")), rows.link("1", "10"));
        code("guardian_code", "link_id", "valid_link_id", rows.link("1", "11"), true);
        code("student_code", "student_id", "valid_student_id", rows.student("2"), true);
        // and a grade corrected, a new assessment, an absence justified, an LPC validation withdrawn
        jdbc.update("update assessment_grade set grade = 13 where assessment_id = ? and student_id = ?", fractions, leaStudent);
        grade(assessment("Géométrie", TODAY.minusDays(1)), leaStudent, "16");
        jdbc.update("update absence set justified = true, reason = 'Rendez-vous médical' where student_id = ?", leaStudent);
        jdbc.update("delete from lpc_validation where uai = ?", UAI);
        merge();
        Map<String, List<Map<String, Object>>> merged = familiesSide();

        MERGED.keySet().forEach(table -> jdbc.update("delete from " + table + " where uai = ?", UAI));
        merge();
        assertThat(merged).isEqualTo(familiesSide()).isNotEqualTo(before);
        assertThat(jdbc.queryForList("select first_name from ts_student where uai = ?", String.class, UAI)).containsExactly("Léa-Rose");
        assertThat(jdbc.queryForList("select link_id from ts_guardian_code where uai = ?", Long.class, UAI))
                .containsExactly(rows.link("1", "11"));
        assertThat(replication.countCopies(UAI)).isEqualTo(new ReplicationMapper.CopyCounts(1, 5, 3, 2));
        assertThat(jdbc.queryForList("select grade from ts_assessment_grade where uai = ? order by assessment_id",
                java.math.BigDecimal.class, UAI)).extracting(java.math.BigDecimal::intValue).containsExactly(13, 16);
        assertThat(jdbc.queryForList("select justified from ts_absence where uai = ?", Boolean.class, UAI)).containsExactly(true);
        assertThat(count("ts_lpc_validation")).isZero();
    }

    @Test
    void anEstablishmentThatStopsUsingTheServicesIsCleared() {
        replicate();

        replication.clearGuardianCodes(UAI);
        replication.clearStudentCodes(UAI);
        replication.clearLinks(UAI);
        replication.clearGuardians(UAI);
        replication.clearStudents(UAI);
        replication.clearEstablishment(UAI);
        for (String table : List.of("ts_guardian_code", "ts_student_code", "ts_guardian_link", "ts_guardian", "ts_student",
                "ts_establishment")) {
            assertThat(count(table)).as(table).isZero();
        }
        // and the administrative side is as it was
        assertThat(Map.of("student", count("student"), "guardian_link", count("guardian_link"), "guardian_code", count("guardian_code")))
                .isEqualTo(Map.of("student", 3, "guardian_link", 5, "guardian_code", 3));
    }
}
