package fr.adminteleservices.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import fr.adminteleservices.codes.CodeMapper.CoupleFilter;
import fr.adminteleservices.codes.CodeMapper.CoupleRow;
import fr.adminteleservices.codes.CodeMapper.EndedCar;
import fr.adminteleservices.codes.CodeMapper.NewCode;
import fr.adminteleservices.support.Families;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/** CodeMapper's SQL alone, on each database: the couples' list, one valid code per couple or student, who needs what. */
// each test rolled back: @MybatisTest's @Transactional on the concrete class does not reach the methods declared here
@Transactional
abstract class CodeMapperContract {

    static final String UAI = "0990991M";
    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    @Autowired
    CodeMapper codes;
    @Autowired
    JdbcTemplate jdbc;

    Families.Rows rows;
    int hashes;

    /** Léa (3A) with Paul, Claire and a nanny; Hugo (3B) with Anne; Chloé (3B), who left yesterday, with Émile. */
    @BeforeEach
    void families() {
        rows = Families.martinAndBernard(UAI)
                .student("3", "Petit", "Chloé", "07/08/2012", "3B").leftOn("19/11/2026")
                .guardian("14", "M.", "Petit", "Émile", "1")
                .insert(jdbc);
    }

    NewCode code(long ownerId) {
        NewCode c = new NewCode();
        c.uai = UAI;
        c.ownerId = ownerId;
        c.lookupHash = "%064d".formatted(++hashes);
        c.encryptedValue = "chiffré";
        c.hint = "AB";
        c.createdAt = Instant.parse("2026-11-19T10:00:00Z");
        c.validFrom = TODAY;
        return c;
    }

    List<CoupleRow> couples(boolean withoutValidCode, String division, String name) {
        return codes.findCouples(UAI, CoupleFilter.of(withoutValidCode, division, null, name, TODAY), null);
    }

    @Test
    void theCouplesOfPresentStudentsByDivisionNameAndRank() {
        assertThat(couples(false, null, null)).extracting(CoupleRow::division, CoupleRow::studentFirstName,
                        CoupleRow::guardianFirstName, CoupleRow::legalRank)
                .containsExactly(tuple("3A", "Léa", "Nounou", 0), tuple("3A", "Léa", "Paul", 1), tuple("3A", "Léa", "Claire", 2),
                        tuple("3B", "Hugo", "Anne", 1));
        assertThat(couples(false, "3B", null)).extracting(CoupleRow::guardianFirstName).containsExactly("Anne");
        // the name is the student's or the guardian's, its start, whatever the case
        assertThat(couples(false, null, "dur")).extracting(CoupleRow::guardianFirstName).containsExactly("Nounou");
        assertThat(couples(false, null, "BERN")).extracting(CoupleRow::studentFirstName).containsExactly("Hugo");
        // « _ » and « % » typed in the search are letters, not LIKE's wildcards
        assertThat(couples(false, null, "Mar_")).isEmpty();
        assertThat(couples(false, null, "%")).isEmpty();
    }

    @Test
    void theDatabaseKeepsOneValidCarPerCouple() {
        long paul = rows.link("1", "10");
        NewCode first = code(paul);
        codes.insertGuardianCode(first);
        assertThat(first.id).isNotNull();
        assertThat(codes.findValidGuardianCode(UAI, paul)).satisfies(c -> {
            assertThat(c.id()).isEqualTo(first.id);
            assertThat(c.validLinkId()).isEqualTo(paul);
            assertThat(c.validFrom()).isEqualTo(TODAY);
        });
        assertThat(couples(true, "3A", null)).extracting(CoupleRow::guardianFirstName).containsExactly("Nounou", "Claire");
        // the student's name matches: her three couples, the nanny's first (rank 0)
        assertThat(couples(false, "3A", "Martin")).extracting(CoupleRow::validCodeId).containsExactly(null, first.id, null);

        assertThatThrownBy(() -> codes.insertGuardianCode(code(paul))).isInstanceOf(DuplicateKeyException.class);

        Instant at = Instant.parse("2026-11-20T09:00:00Z");
        assertThat(codes.invalidateGuardianCode(first.id, at, "Code perdu")).isEqualTo(1);
        assertThat(codes.invalidateGuardianCode(first.id, at, "Code perdu")).isZero();
        assertThat(codes.findValidGuardianCode(UAI, paul)).isNull();
        assertThat(codes.findGuardianCode(UAI, first.id)).satisfies(c -> {
            assertThat(c.invalidatedAt()).isEqualTo(at);
            assertThat(c.invalidationReason()).isEqualTo("Code perdu");
        });
        NewCode second = code(paul);
        codes.insertGuardianCode(second);
        assertThat(codes.findGuardianCodes(UAI, paul)).extracting(CodeMapper.CodeRow::id).containsExactlyInAnyOrder(first.id, second.id);
    }

    @Test
    void presentStudentsWithoutAValidCaeAndTheCarsOfEndedCouples() {
        NewCode lea = code(rows.student("1"));
        codes.insertStudentCode(lea);
        assertThatThrownBy(() -> codes.insertStudentCode(code(rows.student("1")))).isInstanceOf(DuplicateKeyException.class);
        // Hugo has none; Chloé has none either, but she left
        assertThat(codes.findStudentsWithoutCae(UAI, TODAY)).containsExactly(rows.student("2"));
        assertThat(codes.findStudentsWithoutCae(UAI, LocalDate.of(2026, 11, 18))).containsExactly(rows.student("2"), rows.student("3"));

        NewCode paul = code(rows.link("1", "10"));
        codes.insertGuardianCode(paul);
        NewCode emile = code(rows.link("3", "14"));
        codes.insertGuardianCode(emile);
        assertThat(codes.findCarsOfEndedCouples(UAI, TODAY)).extracting(EndedCar::id, EndedCar::studentLeft, EndedCar::studentId,
                EndedCar::guardianId).containsExactly(tuple(emile.id, true, rows.student("3"), rows.guardian("14")));
        assertThat(codes.findCarsOfEndedCouples(UAI, LocalDate.of(2026, 11, 18))).isEmpty();
    }
}
