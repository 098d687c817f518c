package fr.adminteleservices.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import fr.adminteleservices.statistics.StatisticsMapper.GuardianCodeCounts;
import fr.adminteleservices.statistics.StatisticsMapper.StudentCodeCounts;
import fr.adminteleservices.support.Families;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/** StatisticsMapper's SQL alone, on each database: the syntheses of §6 counted on a few families whose figures are known. */
// each test rolled back: @MybatisTest's @Transactional on the concrete class does not reach the methods declared here
@Transactional
abstract class StatisticsMapperContract {

    static final String UAI = "0990994R";
    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    static final Period YEAR = new Period(TODAY, LocalDate.of(2026, 9, 1), LocalDate.of(2027, 7, 4),
            Instant.parse("2026-08-31T22:00:00Z"), Instant.parse("2027-07-04T22:00:00Z"), "2026-2027");

    @Autowired
    StatisticsMapper statistics;
    @Autowired
    JdbcTemplate jdbc;

    /**
     * Léa (3A): CAE notified, in a confirmed account of this year; Paul's CAR notified, Claire's not, a nanny. Hugo (3B): CAE
     * not notified, refused; Anne's CAR refused. Chloé left yesterday: neither she nor Émile counts.
     */
    @BeforeEach
    void families() {
        Families.Rows rows = Families.martinAndBernard(UAI)
                .student("3", "Petit", "Chloé", "07/08/2012", "3B").leftOn("19/11/2026")
                .guardian("14", "M.", "Petit", "Émile", "1")
                .insert(jdbc);
        StatisticsFixture f = new StatisticsFixture(jdbc, UAI);
        f.mef("10310019110", "3EME", "3ème", "1031");
        long lea = f.studentCode(rows.student("1"), true, LocalDate.of(2026, 10, 5));
        f.account("STUDENT", true, Instant.parse("2026-10-06T08:00:00Z"), "CAE", lea, rows.student("1"));
        f.studentCode(rows.student("2"), true, null);
        f.studentRefusal(rows.student("2"), false);
        f.studentCode(rows.student("3"), true, LocalDate.of(2026, 10, 5));
        f.guardianCode(rows.link("1", "10"), true, LocalDate.of(2026, 10, 5));
        f.guardianCode(rows.link("1", "11"), true, null);
        f.guardianRefusal(rows.link("2", "13"), rows.student("2"), false);
        f.guardianCode(rows.link("3", "14"), true, LocalDate.of(2026, 10, 5));
    }

    @Test
    void studentCodesOfTheEstablishmentAndOfEachDivision() {
        assertThat(statistics.studentCodes("ESTABLISHMENT", UAI, null, YEAR)).singleElement().satisfies(c -> {
            assertThat(c.students()).isEqualTo(2);
            assertThat(c.refusals()).isEqualTo(1);
            assertThat(c.notifiedCodes()).isEqualTo(1);
            assertThat(c.accountsCreated()).isEqualTo(1);
            assertThat(c.accountsCreatedThisYear()).isEqualTo(1);
        });
        assertThat(statistics.studentCodes("STRUCTURE", UAI, null, YEAR))
                .extracting(StudentCodeCounts::mef, StudentCodeCounts::mefLabel, StudentCodeCounts::division, StudentCodeCounts::students,
                        StudentCodeCounts::refusals, StudentCodeCounts::accountsCreated)
                .containsExactly(tuple("10310019110", "3ème", "3A", 1, 0, 1), tuple("10310019110", "3ème", "3B", 1, 1, 0));
        assertThat(statistics.studentCodes("ACADEMY", null, "demo", YEAR))
                .extracting(StudentCodeCounts::uai, StudentCodeCounts::name, StudentCodeCounts::students)
                .containsExactly(tuple(UAI, "Collège d'essai " + UAI, 2));
    }

    @Test
    void guardianCodesCountLegalGuardiansOfPresentStudents() {
        // Paul, Claire and Anne: not the nanny, not Émile
        assertThat(statistics.guardianCodes("ESTABLISHMENT", UAI, null, YEAR)).singleElement().satisfies(c -> {
            assertThat(c.students()).isEqualTo(2);
            assertThat(c.guardians()).isEqualTo(3);
            assertThat(c.refusals()).isEqualTo(1);
            assertThat(c.notifiedCodes()).isEqualTo(1);
            assertThat(c.notifiedCodesThisYear()).isEqualTo(1);
            assertThat(c.accountsCreated()).isZero();
        });
        assertThat(statistics.guardianCodes("STRUCTURE", UAI, null, YEAR))
                .extracting(GuardianCodeCounts::division, GuardianCodeCounts::guardians, GuardianCodeCounts::refusals)
                .containsExactly(tuple("3A", 2, 0), tuple("3B", 1, 1));
    }
}
