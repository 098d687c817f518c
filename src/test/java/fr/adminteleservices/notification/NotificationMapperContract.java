package fr.adminteleservices.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import fr.adminteleservices.notification.NotificationMapper.GuardianState;
import fr.adminteleservices.notification.NotificationMapper.Selection;
import fr.adminteleservices.support.Families;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;

/** NotificationMapper's SQL alone, on each database: who may be notified, and the legal guardians rule cae-ordering reads. */
// each test rolled back: @MybatisTest's @Transactional on the concrete class does not reach the methods declared here
@Transactional
abstract class NotificationMapperContract {

    static final String UAI = "0990992N";
    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    static final LocalDate NOTIFIED = LocalDate.of(2026, 11, 2);

    @Autowired
    NotificationMapper notifications;
    @Autowired
    JdbcTemplate jdbc;

    Families.Rows rows;
    long paulCar;
    long claireCar;
    long anneCar;
    int hashes;

    /**
     * Léa (3A) with Paul (CAR notified), Claire (CAR, a postal address) and a nanny (no CAR); Hugo (3B) with Anne (CAR);
     * Chloé, who left yesterday, with Émile (CAR).
     */
    @BeforeEach
    void familiesWithCars() {
        rows = Families.of(UAI)
                .student("1", "Martin", "Léa", "03/04/2012", "3A")
                .guardian("10", "M.", "Martin", "Paul", "1").email("paul.martin@example.fr")
                .guardian("11", "Mme", "Martin", "Claire", "2").address("A11", "3 rue des Écoles", "99000", "Essai")
                .guardian("12", "Mme", "Durand", "Nounou", "0")
                .student("2", "Bernard", "Hugo", "05/06/2012", "3B")
                .guardian("13", "Mme", "Bernard", "Anne", "1")
                .student("3", "Petit", "Chloé", "07/08/2012", "3B").leftOn("19/11/2026")
                .guardian("14", "M.", "Petit", "Émile", "1")
                .insert(jdbc);
        paulCar = car(rows.link("1", "10"), NOTIFIED);
        claireCar = car(rows.link("1", "11"), null);
        anneCar = car(rows.link("2", "13"), null);
        car(rows.link("3", "14"), null);
    }

    long car(long linkId, LocalDate notifiedOn) {
        MapSqlParameterSource code = new MapSqlParameterSource().addValue("uai", UAI).addValue("link_id", linkId)
                .addValue("lookup_hash", "%064d".formatted(++hashes)).addValue("encrypted_value", "chiffré")
                .addValue("hint", "AB").addValue("created_at", Timestamp.from(Instant.parse("2026-11-01T08:00:00Z")))
                .addValue("valid_from", LocalDate.of(2026, 11, 2)).addValue("valid_link_id", linkId)
                .addValue("notified_on", notifiedOn);
        return new SimpleJdbcInsert(jdbc).withTableName("guardian_code").usingColumns(code.getParameterNames())
                .usingGeneratedKeyColumns("id").executeAndReturnKey(code).longValue();
    }

    List<NotifiableCouple> candidates(boolean onlyNotNotified, String division, List<Long> linkIds) {
        return notifications.findGuardianCandidates(UAI, new Selection(onlyNotNotified, division, null, linkIds, null, TODAY));
    }

    @Test
    void theCouplesWithAValidCarOfPresentStudents() {
        // an e-mail still waiting in the outbox for Anne's code (written before the first query: MyBatis caches a
        // query's rows for the rest of the transaction)
        jdbc.update("insert into mail_outbox (template, reference, recipient, state, created_at, pending_key)"
                + " values ('car', ?, 'anne@example.fr', 'PENDING', ?, ?)", anneCar, Timestamp.from(Instant.now()), "CAR-" + anneCar);

        assertThat(candidates(false, null, null)).extracting(NotifiableCouple::studentFirstName, NotifiableCouple::guardianFirstName,
                        NotifiableCouple::codeId, NotifiableCouple::addressLine1, NotifiableCouple::city, NotifiableCouple::notifiedOn,
                        NotifiableCouple::mailPending)
                .containsExactly(tuple("Léa", "Paul", paulCar, null, null, NOTIFIED, false),
                        tuple("Léa", "Claire", claireCar, "3 rue des Écoles", "Essai", null, false),
                        tuple("Hugo", "Anne", anneCar, null, null, null, true));
        assertThat(candidates(true, null, null)).extracting(NotifiableCouple::guardianFirstName).containsExactly("Claire", "Anne");
        assertThat(candidates(false, "3B", null)).extracting(NotifiableCouple::guardianFirstName).containsExactly("Anne");
        assertThat(candidates(false, null, List.of(rows.link("1", "11"), rows.link("2", "13"))))
                .extracting(NotifiableCouple::guardianFirstName).containsExactly("Claire", "Anne");
    }

    @Test
    void theLegalGuardiansOfTheStudentsWithTheStateOfTheirCar() {
        jdbc.update("update guardian_code set valid_link_id = null, invalidated_at = ? where id = ?", Timestamp.from(Instant.now()),
                anneCar);
        jdbc.update("insert into access_refusal (uai, kind, link_id, student_id, recorded_at, active_key) values (?, 'GUARDIAN', ?, ?, ?, ?)",
                UAI, rows.link("1", "11"), rows.student("1"), Timestamp.from(Instant.now()), "GUARDIAN:" + rows.link("1", "11"));

        // the nanny is no legal guardian: cae-ordering does not wait for her
        assertThat(notifications.findLegalGuardians(List.of(rows.student("1"), rows.student("2"))))
                .extracting(GuardianState::studentId, GuardianState::firstName, GuardianState::validCar, GuardianState::refused,
                        GuardianState::notified)
                .containsExactlyInAnyOrder(tuple(rows.student("1"), "Paul", true, false, true),
                        tuple(rows.student("1"), "Claire", true, true, false),
                        tuple(rows.student("2"), "Anne", false, false, false));
    }
}
