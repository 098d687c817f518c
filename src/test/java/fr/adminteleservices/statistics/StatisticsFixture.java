package fr.adminteleservices.statistics;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Writes a small establishment's rows directly, so that every figure of the syntheses can be computed by hand:
 * students, guardians and their links as SIECLE would leave them, codes in each state, refusals, accounts, and page
 * views. Dates are chosen around the current school year by the test.
 */
public final class StatisticsFixture {

    private final JdbcTemplate jdbc;
    private final String uai;
    private int next;

    public StatisticsFixture(JdbcTemplate jdbc, String uai) {
        this.jdbc = jdbc;
        this.uai = uai;
    }

    public void mef(String code, String label, String editionLabel, String mefstat) {
        jdbc.update("insert into mef (uai, code, label, edition_label, mefstat) values (?, ?, ?, ?, ?)", uai, code, label,
                editionLabel, mefstat);
    }

    public long student(String name, String mef, String division, LocalDate leftOn) {
        String eleveId = uai.substring(0, 7) + (++next);
        return insert("insert into student (uai, eleve_id, last_name, first_name, birth_date, mef_code, division_code, left_on)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?)", uai, eleveId, name, "Prénom", LocalDate.of(2012, 3, 4), mef, division, leftOn);
    }

    public long guardian(String name, LocalDate leftOn) {
        return insert("insert into guardian (uai, personne_id, last_name, first_name, left_on) values (?, ?, ?, ?, ?)",
                uai, "P" + (++next), name, "Prénom", leftOn);
    }

    public long link(long student, long guardian, int rank, LocalDate endedOn) {
        return insert("insert into guardian_link (uai, student_id, guardian_id, legal_rank, ended_on) values (?, ?, ?, ?, ?)",
                uai, student, guardian, rank, endedOn);
    }

    /** A CAR; {@code valid} false means replaced or withdrawn since. */
    public long guardianCode(long link, boolean valid, LocalDate notifiedOn) {
        return insert("insert into guardian_code (uai, link_id, lookup_hash, encrypted_value, hint, created_at, valid_from,"
                        + " valid_link_id, invalidated_at, notified_on) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                uai, link, hash(), "chiffré", "AB", Timestamp.from(Instant.now()), LocalDate.of(2020, 1, 1),
                valid ? link : null, valid ? null : Timestamp.from(Instant.now()), notifiedOn);
    }

    public long studentCode(long student, boolean valid, LocalDate notifiedOn) {
        return insert("insert into student_code (uai, student_id, lookup_hash, encrypted_value, hint, created_at, valid_from,"
                        + " valid_student_id, invalidated_at, notified_on) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                uai, student, hash(), "chiffré", "CD", Timestamp.from(Instant.now()), LocalDate.of(2020, 1, 1),
                valid ? student : null, valid ? null : Timestamp.from(Instant.now()), notifiedOn);
    }

    public void guardianRefusal(long link, long student, boolean withdrawn) {
        refusal("GUARDIAN", link, student, withdrawn);
    }

    public void studentRefusal(long student, boolean withdrawn) {
        refusal("STUDENT", null, student, withdrawn);
    }

    /** An account holding one code; {@code confirmed} false is a provisional account. */
    public long account(String holder, boolean confirmed, Instant createdAt, String kind, long codeId, long student) {
        long id = insert("insert into portal_account (username, email, password_hash, holder, state, created_at) values (?, ?, ?, ?, ?, ?)",
                "stat-" + uai + "-" + (++next), "stat" + next + "@example.com", "{noop}x", holder,
                confirmed ? "CONFIRMED" : "PROVISIONAL", Timestamp.from(createdAt));
        jdbc.update("insert into portal_account_code (account_id, kind, code_id, uai, student_id, attached_at) values (?, ?, ?, ?, ?, ?)",
                id, kind, codeId, uai, student, Timestamp.from(createdAt));
        return id;
    }

    /** What the deletion of a provisional account after 7 days (C5) leaves of it for the account funnel. */
    public void expiredConfirmation(String kind, long codeId, long student) {
        jdbc.update("insert into expired_confirmation (account_id, kind, code_id, uai, student_id, account_created_at, expired_at)"
                + " values (?, ?, ?, ?, ?, ?, ?)", 0L, kind, codeId, uai, student, Timestamp.from(Instant.now()),
                Timestamp.from(Instant.now()));
    }

    /** A page view as the portal records it: its log line, and one more in its day's count (the day in Paris). */
    public void access(Instant at, String mefstat, String service, String holder, long student) {
        jdbc.update("insert into consultation_log (consulted_at, uai, mefstat, service, holder, account_id, student_id)"
                + " values (?, ?, ?, ?, ?, ?, ?)", Timestamp.from(at), uai, mefstat, service, holder, 0L, student);
        jdbc.update("insert into consultation_count (uai, consulted_on, service, holder, mefstat, accesses) values (?, ?, ?, ?, ?, 1)"
                        + " on duplicate key update accesses = accesses + 1", uai,
                java.sql.Date.valueOf(LocalDate.ofInstant(at, java.time.ZoneId.of("Europe/Paris"))), service, holder,
                mefstat == null ? "" : mefstat);
    }

    private void refusal(String kind, Long link, long student, boolean withdrawn) {
        jdbc.update("insert into access_refusal (uai, kind, link_id, student_id, recorded_at, withdrawn_at, active_key)"
                        + " values (?, ?, ?, ?, ?, ?, ?)", uai, kind, link, student, Timestamp.from(Instant.now()),
                withdrawn ? Timestamp.from(Instant.now()) : null,
                withdrawn ? null : kind + ":" + (link != null ? link : student) + ":" + uai);
    }

    private long insert(String sql, Object... args) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement(sql, new String[] {"id"});
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                ps.setObject(i + 1, a instanceof LocalDate d ? java.sql.Date.valueOf(d) : a);
            }
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    private static String hash() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
