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
        assertThat(replication.copyEstablishment(UAI, Instant.parse("2026-11-20T01:00:00Z"), "copy-1")).isEqualTo(1);
        replication.copyStudents(UAI, TODAY);
        replication.copyGuardians(UAI, TODAY);
        replication.copyLinks(UAI, TODAY);
        replication.copyGuardianCodes(UAI);
        replication.copyStudentCodes(UAI);
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
    void theNextReplicationStartsFromNothing() {
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
