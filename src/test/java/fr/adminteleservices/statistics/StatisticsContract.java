package fr.adminteleservices.statistics;

import static fr.adminteleservices.support.Heads.academyAdmin;
import static fr.adminteleservices.support.Heads.headOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import fr.adminteleservices.security.Directory;
import fr.adminteleservices.support.Heads;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The statistics of §6 on a small establishment whose every figure was computed by hand from the guide's
 * definitions (the comments give each count), on H2 and on MariaDB. A guardian of two children in two divisions is
 * one person for the establishment and one in each division's line, so the establishment line and « Somme » differ.
 */
abstract class StatisticsContract {

    static final String SIXIEME = "10010012110";
    static final String TROISIEME = "10310019110";
    static final String MEFSTAT_6 = "21110010012";
    static final String MEFSTAT_3 = "21160010019";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    Directory directory;
    @Autowired
    Statistics statistics;
    @Autowired
    AcademyFigures academyFigures;

    String uai;
    SchoolYear year;
    YearMonth september;

    @BeforeEach
    void handComputedEstablishment() {
        uai = Heads.newEstablishmentWithHead(establishments, directory);
        year = establishments.currentSchoolYear("demo").orElseThrow();
        september = YearMonth.from(year.startsOn());
        LocalDate thisYear = year.startsOn().plusDays(10);
        LocalDate lastYear = year.startsOn().minusDays(30);
        Instant createdThisYear = noon(thisYear);
        Instant createdLastYear = noon(lastYear);
        LocalDate gone = year.startsOn().minusDays(1);

        StatisticsFixture f = new StatisticsFixture(jdbc, uai);
        f.mef(SIXIEME, "6EME", "6ème", MEFSTAT_6);
        f.mef(TROISIEME, "3EME", "3ème", MEFSTAT_3);

        // 3A: four students present, and one who left (never counted, nor their guardian)
        long a1 = f.student("A1", TROISIEME, "3A", null);
        long a2 = f.student("A2", TROISIEME, "3A", null);
        long a3 = f.student("A3", TROISIEME, "3A", null);
        long a4 = f.student("A4", TROISIEME, "3A", null);
        long left = f.student("Parti", TROISIEME, "3A", gone);
        // 3B: three students
        long b1 = f.student("B1", TROISIEME, "3B", null);
        long b2 = f.student("B2", TROISIEME, "3B", null);
        long b3 = f.student("B3", TROISIEME, "3B", null);
        // 6A: two students
        long c1 = f.student("C1", SIXIEME, "6A", null);
        long c2 = f.student("C2", SIXIEME, "6A", null);

        // ---- CAEs (T1)
        long caeA1 = f.studentCode(a1, true, thisYear);          // notified, account created this year
        f.account("STUDENT", true, createdThisYear, "CAE", caeA1, a1);
        long caeA2 = f.studentCode(a2, true, lastYear);          // notified last year, account created last year
        f.account("STUDENT", true, createdLastYear, "CAE", caeA2, a2);
        f.studentRefusal(a3, false);                              // access removed « pour l'élève »
        f.studentCode(a3, false, thisYear);                       // its code was withdrawn
        long caeA4 = f.studentCode(a4, true, null);              // not notified; a provisional account does not count
        f.account("STUDENT", false, createdThisYear, "CAE", caeA4, a4);
        long caeLeft = f.studentCode(left, true, thisYear);
        f.account("STUDENT", true, createdThisYear, "CAE", caeLeft, left);
        f.studentCode(b1, true, thisYear);                        // notified, no account
        f.studentRefusal(b2, true);                               // a refusal withdrawn since
        long caeB2 = f.studentCode(b2, true, thisYear);
        f.account("STUDENT", true, createdThisYear, "CAE", caeB2, b2);
        long oldC1 = f.studentCode(c1, false, thisYear);         // an old code, notified and used, then replaced
        f.account("STUDENT", true, createdThisYear, "CAE", oldC1, c1);
        f.studentCode(c2, true, thisYear);

        // ---- guardians and CARs (T2)
        long g1 = f.guardian("G1", null);                         // parent of A1 (3A) and B1 (3B)
        long g1a1 = f.link(a1, g1, 1, null);
        long carG1a1 = f.guardianCode(g1a1, true, thisYear);
        f.account("GUARDIAN", true, createdThisYear, "CAR", carG1a1, a1);
        f.guardianCode(f.link(b1, g1, 1, null), true, null);     // valid, not notified, not in an account
        long g2 = f.guardian("G2", null);
        f.guardianCode(f.link(a1, g2, 2, null), true, lastYear); // notified last year
        long g3 = f.guardian("G3", null);
        long g3a2 = f.link(a2, g3, 1, null);
        f.guardianRefusal(g3a2, a2, false);                       // refused « pour moi-même »
        f.guardianCode(g3a2, false, lastYear);
        long g4 = f.guardian("G4", null);                         // not a legal guardian (rank 0): never counted
        long g4a2 = f.link(a2, g4, 0, null);
        long carG4 = f.guardianCode(g4a2, true, thisYear);
        f.account("GUARDIAN", true, createdThisYear, "CAR", carG4, a2);
        long g5 = f.guardian("G5", null);
        long carG5 = f.guardianCode(f.link(a3, g5, 1, null), true, thisYear);
        f.account("GUARDIAN", true, createdLastYear, "CAR", carG5, a3);
        long g6 = f.guardian("G6", null);
        long carG6 = f.guardianCode(f.link(b2, g6, 1, null), true, thisYear);
        f.account("GUARDIAN", false, createdThisYear, "CAR", carG6, b2);   // provisional
        long g7 = f.guardian("G7", gone);                         // no longer in SIECLE
        f.guardianCode(f.link(b3, g7, 1, null), true, thisYear);
        f.guardian("G10", null);
        long g10 = jdbc.queryForObject("select id from guardian where uai = ? and last_name = 'G10'", Long.class, uai);
        f.link(b3, g10, 2, null);
        long g8 = f.guardian("G8", null);
        long carG8 = f.guardianCode(f.link(c1, g8, 1, null), true, lastYear);
        f.account("GUARDIAN", true, createdThisYear, "CAR", carG8, c1);
        long g9 = f.guardian("G9", null);
        f.guardianCode(f.link(c2, g9, 2, gone), true, thisYear); // the couple ended
        long g11 = f.guardian("G11", null);
        long carLeft = f.guardianCode(f.link(left, g11, 1, null), true, thisYear);
        f.account("GUARDIAN", true, createdThisYear, "CAR", carLeft, left);

        // ---- page views (T3)
        f.access(noon(year.startsOn().plusDays(4)), MEFSTAT_6, "LPC", "GUARDIAN", c1);
        LocalDate october = september.plusMonths(1).atDay(1);
        // 00:30 in Paris on the 1st of October is still 30 September in UTC: it counts in October
        f.access(october.atTime(LocalTime.of(0, 30)).atZone(Period.PARIS).toInstant(), MEFSTAT_3, "NOTES", "GUARDIAN", a1);
        for (int i = 0; i < 3; i++) {
            f.access(noon(october.plusDays(9)), MEFSTAT_3, "NOTES", "GUARDIAN", a1);
        }
        for (int i = 0; i < 2; i++) {
            f.access(noon(october.plusMonths(1).plusDays(2)), MEFSTAT_3, "ABSENCES", "STUDENT", a2);
        }
        f.access(noon(year.startsOn().minusDays(3)), MEFSTAT_3, "NOTES", "GUARDIAN", a1);   // last school year
    }

    // ------------------------------------------------------------------ §6.1

    @Test
    void studentCodesAreTheHandComputedFigures() {
        Synthesis<StudentCodeLine> s = statistics.studentCodes(uai);

        // 9 present; A3 refused; A1, A2, B1, B2, C2 hold a valid notified code; A1, A2, B2 a validated account, A1 and
        // B2 created this school year
        assertThat(s.establishment()).extracting(StudentCodeLine::uai, StudentCodeLine::students, StudentCodeLine::refusals,
                        StudentCodeLine::notifiedCodes, StudentCodeLine::accountsCreated, StudentCodeLine::accountsCreatedThisYear)
                .containsExactly(uai, 9, 1, 5, 3, 2);
        assertPercents(s.establishment().percentStudentsWithAccount(), "33.33", s.establishment().percentCreatedThisYear(), "22.22");

        assertThat(s.rows()).extracting(StudentCodeLine::mef, StudentCodeLine::mefLabel, StudentCodeLine::division,
                        StudentCodeLine::students, StudentCodeLine::refusals, StudentCodeLine::notifiedCodes,
                        StudentCodeLine::accountsCreated, StudentCodeLine::accountsCreatedThisYear,
                        StudentCodeLine::percentStudentsWithAccount, StudentCodeLine::percentCreatedThisYear)
                .containsExactly(
                        tuple(SIXIEME, "6ème", "6A", 2, 0, 1, 0, 0, new BigDecimal("0.00"), new BigDecimal("0.00")),
                        tuple(TROISIEME, "3ème", "3A", 4, 1, 2, 2, 1, new BigDecimal("50.00"), new BigDecimal("25.00")),
                        tuple(TROISIEME, "3ème", "3B", 3, 0, 2, 1, 1, new BigDecimal("33.33"), new BigDecimal("33.33")));

        assertThat(s.sum()).extracting(StudentCodeLine::students, StudentCodeLine::refusals, StudentCodeLine::notifiedCodes,
                StudentCodeLine::accountsCreated, StudentCodeLine::accountsCreatedThisYear).containsExactly(9, 1, 5, 3, 2);
        assertPercents(s.sum().percentStudentsWithAccount(), "33.33", s.sum().percentCreatedThisYear(), "22.22");
        assertThat(s.schoolYear()).isEqualTo(year.label());
    }

    // ------------------------------------------------------------------ §6.2

    @Test
    void guardianCodesAreTheHandComputedFiguresAndAGuardianCountsOncePerLine() {
        Synthesis<GuardianCodeLine> s = statistics.guardianCodes(uai);

        // persons: G1 (once, though parent of A1 and B1), G2, G3, G5, G6, G8, G10 = 7; G3 refused; valid notified: G1,
        // G2, G5, G6, G8 (G1, G5, G6 this year); in a validated account: G1, G5, G8 (G1 and G8 created this year);
        // students reached: A1, A3, C1 of 9
        assertThat(s.establishment()).extracting(GuardianCodeLine::guardians, GuardianCodeLine::refusals,
                        GuardianCodeLine::notifiedCodes, GuardianCodeLine::notifiedCodesThisYear, GuardianCodeLine::accountsCreated,
                        GuardianCodeLine::accountsCreatedThisYear, GuardianCodeLine::students, GuardianCodeLine::studentsWithGuardianAccount)
                .containsExactly(7, 1, 5, 3, 3, 2, 9, 3);
        assertThat(s.establishment().percentGuardiansWithAccount()).isEqualByComparingTo("42.86");
        assertThat(s.establishment().percentCreatedThisYear()).isEqualByComparingTo("28.57");
        assertThat(s.establishment().percentStudentsWithGuardianAccount()).isEqualByComparingTo("33.33");

        assertThat(s.rows()).extracting(GuardianCodeLine::division, GuardianCodeLine::guardians, GuardianCodeLine::refusals,
                        GuardianCodeLine::notifiedCodes, GuardianCodeLine::notifiedCodesThisYear, GuardianCodeLine::accountsCreated,
                        GuardianCodeLine::percentGuardiansWithAccount, GuardianCodeLine::percentCreatedThisYear,
                        GuardianCodeLine::percentStudentsWithGuardianAccount)
                .containsExactly(
                        // 6A: G8 (G9's couple ended)
                        tuple("6A", 1, 0, 1, 0, 1, new BigDecimal("100.00"), new BigDecimal("100.00"), new BigDecimal("50.00")),
                        // 3A: G1, G2, G3, G5 (G4 is not a legal guardian)
                        tuple("3A", 4, 1, 3, 2, 2, new BigDecimal("50.00"), new BigDecimal("25.00"), new BigDecimal("50.00")),
                        // 3B: G1, G6, G10 (G7 left); G6's account is provisional
                        tuple("3B", 3, 0, 1, 1, 0, new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("0.00")));

        // « Somme »: G1 counts in 3A and in 3B, so 8 where the establishment has 7 persons
        assertThat(s.sum()).extracting(GuardianCodeLine::guardians, GuardianCodeLine::refusals, GuardianCodeLine::notifiedCodes,
                        GuardianCodeLine::notifiedCodesThisYear, GuardianCodeLine::accountsCreated, GuardianCodeLine::accountsCreatedThisYear,
                        GuardianCodeLine::students, GuardianCodeLine::studentsWithGuardianAccount)
                .containsExactly(8, 1, 5, 3, 3, 2, 9, 3);
        assertThat(s.sum().percentGuardiansWithAccount()).isEqualByComparingTo("37.50");
        assertThat(s.sum().percentCreatedThisYear()).isEqualByComparingTo("25.00");
        assertThat(s.sum().percentStudentsWithGuardianAccount()).isEqualByComparingTo("33.33");
    }

    // ------------------------------------------------------------------ §6.3

    @Test
    void accessesAreCountedByMonthOfTheSchoolYearByCategoryAndByMefStat() {
        Accesses a = statistics.accesses(uai);

        assertThat(a.byMonth()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(a.byMonth().get(0)).extracting(Accesses.ByMonth::month, Accesses.ByMonth::lpc, Accesses.ByMonth::total)
                .containsExactly(september.toString(), 1L, 1L);
        assertThat(a.byMonth().get(1)).extracting(Accesses.ByMonth::notes, Accesses.ByMonth::guardians, Accesses.ByMonth::total)
                .containsExactly(4L, 4L, 4L);
        assertThat(a.byMonth().get(2)).extracting(Accesses.ByMonth::absences, Accesses.ByMonth::students, Accesses.ByMonth::total)
                .containsExactly(2L, 2L, 2L);
        assertThat(a.byMonth().stream().mapToLong(Accesses.ByMonth::total).sum()).isEqualTo(7);
        assertThat(a.byMonth().get(0).label()).isEqualTo("septembre " + september.getYear());

        assertThat(a.byCategory()).extracting(Accesses.ByCategory::label, Accesses.ByCategory::guardians,
                        Accesses.ByCategory::students, Accesses.ByCategory::total)
                .containsExactly(tuple("Absences", 0L, 2L, 2L), tuple("LPC", 1L, 0L, 1L), tuple("Notes", 4L, 0L, 4L),
                        tuple("Fiche de renseignements", 0L, 0L, 0L));

        assertThat(a.byMefStat()).extracting(Accesses.ByMefStat::mefStat, Accesses.ByMefStat::label, Accesses.ByMefStat::absences,
                        Accesses.ByMefStat::lpc, Accesses.ByMefStat::notes, Accesses.ByMefStat::total)
                .containsExactly(tuple(MEFSTAT_6, "6ème", 0L, 1L, 0L, 1L), tuple(MEFSTAT_3, "3ème", 2L, 0L, 4L, 6L));
    }

    // ------------------------------------------------------------------ screens, CSV, API, scope

    @Test
    void theScreenShowsTheGuideLayoutWithPercentagesAsTheGuidePrintsThem() throws Exception {
        Document page = Jsoup.parse(mvc.perform(get("/etablissements/" + uai + "/statistiques/codes-responsables").session(head(uai)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));

        assertThat(page.select("h1").text()).isEqualTo("Synthèse codes responsables");
        assertThat(page.select("#total-table th").eachText()).containsExactly("Nombre de responsables",
                "Nombre de refus téléservices", "Nombre de codes notifiés", "Nombre de codes notifiés année courante",
                "Nombre de comptes créés", "% de resp. avec comptes créés", "% créés année courante",
                "% élèves ayant au moins un resp. avec compte créé");
        assertThat(cells(page.getElementById("total"))).containsExactly("7", "1", "5", "3", "3", "42.86 %", "28.57 %", "33.33 %");
        assertThat(page.select("tr.app-stats__row").stream().map(StatisticsContract::cells).toList()).containsExactly(
                List.of("6ème", "6A", "1", "0", "1", "0", "1", "100 %", "100 %", "50 %"),
                List.of("3ème", "3A", "4", "1", "3", "2", "2", "50 %", "25 %", "50 %"),
                List.of("3ème", "3B", "3", "0", "1", "1", "0", "0 %", "0 %", "0 %"));
        assertThat(cells(page.getElementById("sum"))).containsExactly("Somme :", "8", "1", "5", "3", "3", "37.5 %", "25 %", "33.33 %");
        assertThat(page.getElementById("csv").attr("href")).isEqualTo("/etablissements/" + uai + "/statistiques/codes-responsables.csv");

        Document students = Jsoup.parse(mvc.perform(get("/etablissements/" + uai + "/statistiques/codes-eleves").session(head(uai)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(cells(students.getElementById("total"))).containsExactly("9", "1", "5", "3", "33.33 %", "22.22 %");
        assertThat(cells(students.getElementById("sum"))).containsExactly("Somme :", "9", "1", "5", "3", "33.33 %", "22.22 %");
    }

    @Test
    void theApiAnswersJsonAndCsvWithOneFieldPerColumn() throws Exception {
        mvc.perform(get("/api/establishments/" + uai + "/statistics/guardian-codes").with(headOf(uai)).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.establishment.uai").value(uai))
                .andExpect(jsonPath("$.establishment.guardians").value(7))
                .andExpect(jsonPath("$.establishment.percentGuardiansWithAccount").value(42.86))
                .andExpect(jsonPath("$.rows[1].division").value("3A"))
                .andExpect(jsonPath("$.rows[1].mef").value(TROISIEME))
                .andExpect(jsonPath("$.rows[1].notifiedCodesThisYear").value(2))
                .andExpect(jsonPath("$.sum.guardians").value(8))
                .andExpect(jsonPath("$.sum.percentGuardiansWithAccount").value(37.5));
        mvc.perform(get("/api/establishments/" + uai + "/statistics/student-codes").with(headOf(uai)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.establishment.students").value(9))
                .andExpect(jsonPath("$.rows.length()").value(3))
                .andExpect(jsonPath("$.sum.percentCreatedThisYear").value(22.22));
        mvc.perform(get("/api/establishments/" + uai + "/statistics/accesses").with(headOf(uai)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.byCategory[2].category").value("NOTES"))
                .andExpect(jsonPath("$.byCategory[2].total").value(4))
                .andExpect(jsonPath("$.byMefStat[1].mefStat").value(MEFSTAT_3));

        byte[] csv = mvc.perform(get("/api/establishments/" + uai + "/statistics/guardian-codes").with(headOf(uai))
                        .accept("text/csv"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", startsWith("text/csv")))
                .andExpect(header().string("Content-Disposition", startsWith("attachment")))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        List<String> lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("Ligne;MEF;Division;Nombre de responsables;Nombre de refus téléservices;"
                + "Nombre de codes notifiés;Nombre de codes notifiés année courante;Nombre de comptes créés;"
                + "% de resp. avec comptes créés;% créés année courante;% élèves ayant au moins un resp. avec compte créé");
        assertThat(lines.get(1)).isEqualTo("Établissement;;;7;1;5;3;3;42,86;28,57;33,33");
        assertThat(lines.get(3)).isEqualTo("Structure;3ème;3A;4;1;3;2;2;50,00;25,00;50,00");
        assertThat(lines.get(5)).isEqualTo("Somme;;;8;1;5;3;3;37,50;25,00;33,33");

        byte[] screenCsv = mvc.perform(get("/etablissements/" + uai + "/statistiques/acces.csv").session(head(uai)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        String accesses = new String(screenCsv, StandardCharsets.UTF_8);
        assertThat(accesses).startsWith("\uFEFFTableau;Libellé;Code;Absences;LPC;Notes;Fiche de renseignements;Responsables;Élèves;Total")
                .contains("Par catégorie;Notes;NOTES;0;0;4;0;4;0;4").contains("Par MEFSTAT;3ème;" + MEFSTAT_3 + ";2;0;4;0;4;2;6");
    }

    @Test
    void aHeadSeesOnlyTheirEstablishmentAndTheAcademySeesEveryOne() throws Exception {
        String other = Heads.newEstablishmentWithHead(establishments, directory);
        mvc.perform(get("/api/establishments/" + uai + "/statistics/student-codes").with(headOf(other))).andExpect(status().isForbidden());
        mvc.perform(get("/etablissements/" + uai + "/statistiques/codes-eleves").session(head(other))).andExpect(status().isForbidden());
        mvc.perform(get("/api/academies/demo/statistics/student-codes").with(headOf(uai))).andExpect(status().isForbidden());

        mvc.perform(get("/api/establishments/" + uai + "/statistics/guardian-codes").with(academyAdmin())).andExpect(status().isOk())
                .andExpect(jsonPath("$.establishment.guardians").value(7));
        Synthesis<GuardianCodeLine> academy = statistics.academyGuardianCodes("demo");
        assertThat(academy.rows()).filteredOn(r -> r.uai().equals(uai)).singleElement()
                .extracting(GuardianCodeLine::guardians, GuardianCodeLine::accountsCreated).containsExactly(7, 3);
        assertThat(academy.academy().guardians()).isEqualTo(academy.rows().stream().mapToInt(GuardianCodeLine::guardians).sum());
        Document page = Jsoup.parse(academyPage("codes-eleves"));
        Element row = page.select("tr.app-stats__row").stream().filter(r -> r.text().startsWith(uai)).findFirst().orElseThrow();
        assertThat(cells(row).subList(2, 8)).containsExactly("9", "1", "5", "3", "33.33 %", "22.22 %");
        mvc.perform(get("/academie/statistiques/acces").session(academySession())).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("chart-by-month")));
        mvc.perform(get("/academie/statistiques/acces").session(head(uai))).andExpect(status().isForbidden());
    }

    // ------------------------------------------------------------------ « Parcours des comptes »

    /**
     * The same establishment, as couples and students each in the furthest stage they reached. Couples (legal
     * guardian present, child present, link not ended): 3A g1-a1 confirmed, g2-a1 notified then its provisional
     * account deleted after 7 days (recorded below as the deletion does), g3-a2 refused, g5-a3 confirmed; 3B g1-b1 not
     * notified, g6-b2 provisional, g10-b3 without code (g7 left); 6A g8-c1 confirmed (g9's link ended).
     */
    @Test
    void theAccountFunnelPutsEachCoupleAndStudentInTheStageItReached() throws Exception {
        long carG2 = jdbc.queryForObject("select c.id from guardian_code c join guardian_link l on l.id = c.link_id"
                + " join guardian g on g.id = l.guardian_id where g.uai = ? and g.last_name = 'G2'", Long.class, uai);
        long a1 = jdbc.queryForObject("select id from student where uai = ? and last_name = 'A1'", Long.class, uai);
        new StatisticsFixture(jdbc, uai).expiredConfirmation("CAR", carG2, a1);

        Document page = Jsoup.parse(mvc.perform(get("/etablissements/" + uai + "/statistiques/parcours-responsables").session(head(uai)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(page.select("h1").text()).isEqualTo("Parcours des comptes responsables");
        assertThat(page.select("#total-table th").eachText()).containsExactly("Couples responsable-élève", "Refus téléservices",
                "Sans code valide", "Code non notifié", "Code notifié, pas de compte", "Compte provisoire",
                "Confirmation expirée", "Compte confirmé", "% confirmés");
        assertThat(cells(page.getElementById("total"))).containsExactly("8", "1", "1", "1", "0", "1", "1", "3", "37.5 %");
        assertThat(page.select("tr.app-stats__row").stream().map(StatisticsContract::cells).toList()).containsExactly(
                List.of("6ème", "6A", "1", "0", "0", "0", "0", "0", "0", "1", "100 %"),
                List.of("3ème", "3A", "4", "1", "0", "0", "0", "0", "1", "2", "50 %"),
                List.of("3ème", "3B", "3", "0", "1", "1", "0", "1", "0", "0", "0 %"));
        assertThat(cells(page.getElementById("sum"))).containsExactly("Somme :", "8", "1", "1", "1", "0", "1", "1", "3", "37.5 %");
        // the chart draws the table's own figures; the definitions say what each stage is
        assertThat(page.getElementById("chart-funnel")).isNotNull();
        assertThat(page.getElementById("synthese").attr("data-parcours")).contains("\"confirmationExpired\":1");
        assertThat(page.getElementById("funnel-definitions").text()).contains("supprimé faute de confirmation dans les 7 jours");
        assertThat(page.getElementById("csv").attr("href")).isEqualTo("/etablissements/" + uai + "/statistiques/parcours-responsables.csv");

        // students: 3A a1, a2 confirmed, a3 refused, a4 provisional; 3B b1 notified, b2 confirmed (its refusal
        // withdrawn), b3 without code; 6A c1 without a valid code (its old one was replaced), c2 notified
        mvc.perform(get("/api/establishments/" + uai + "/statistics/student-funnel").with(headOf(uai)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.establishment.holder").value("STUDENT"))
                .andExpect(jsonPath("$.establishment.population").value(9))
                .andExpect(jsonPath("$.establishment.refusals").value(1))
                .andExpect(jsonPath("$.establishment.withoutCode").value(2))
                .andExpect(jsonPath("$.establishment.notNotified").value(0))
                .andExpect(jsonPath("$.establishment.notifiedWithoutAccount").value(2))
                .andExpect(jsonPath("$.establishment.provisional").value(1))
                .andExpect(jsonPath("$.establishment.confirmationExpired").value(0))
                .andExpect(jsonPath("$.establishment.confirmed").value(3))
                .andExpect(jsonPath("$.establishment.percentConfirmed").value(33.33))
                .andExpect(jsonPath("$.rows[1].division").value("3A"))
                .andExpect(jsonPath("$.rows[1].confirmed").value(2));

        byte[] csv = mvc.perform(get("/api/establishments/" + uai + "/statistics/guardian-funnel").with(headOf(uai)).accept("text/csv"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("parcours-comptes-responsables-" + uai)))
                .andReturn().getResponse().getContentAsByteArray();
        List<String> lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("Ligne;MEF;Division;Couples responsable-élève;Refus téléservices;Sans code valide;"
                + "Code non notifié;Code notifié, pas de compte;Compte provisoire;Confirmation expirée;Compte confirmé;% confirmés");
        assertThat(lines.get(3)).isEqualTo("Structure;3ème;3A;4;1;0;0;0;0;1;2;50,00");
        assertThat(lines.get(5)).isEqualTo("Somme;;;8;1;1;1;0;1;1;3;37,50");
    }

    @Test
    void theAccountFunnelIsTheHeadsOwnAndTheAcademysByEstablishment() throws Exception {
        String other = Heads.newEstablishmentWithHead(establishments, directory);
        mvc.perform(get("/api/establishments/" + uai + "/statistics/guardian-funnel").with(headOf(other))).andExpect(status().isForbidden());
        mvc.perform(get("/etablissements/" + uai + "/statistiques/parcours-eleves").session(head(other))).andExpect(status().isForbidden());
        mvc.perform(get("/api/academies/demo/statistics/guardian-funnel").with(headOf(uai))).andExpect(status().isForbidden());

        Synthesis<FunnelLine> academy = statistics.academyFunnel(Statistics.GUARDIANS, "demo");
        assertThat(academy.rows()).filteredOn(r -> r.uai().equals(uai)).singleElement()
                .extracting(FunnelLine::population, FunnelLine::refusals, FunnelLine::confirmed).containsExactly(8, 1, 3);
        assertThat(academy.academy().population()).isEqualTo(academy.rows().stream().mapToInt(FunnelLine::population).sum());
        mvc.perform(get("/api/academies/demo/statistics/student-funnel").with(academyAdmin())).andExpect(status().isOk())
                .andExpect(jsonPath("$.academy.holder").value("STUDENT"));
        Document page = Jsoup.parse(academyPage("parcours-eleves"));
        Element row = page.select("tr.app-stats__row").stream().filter(r -> r.text().startsWith(uai)).findFirst().orElseThrow();
        assertThat(cells(row).subList(2, 11)).containsExactly("9", "1", "2", "0", "2", "1", "0", "3", "33.33 %");
    }

    // ------------------------------------------------------------------ the académie's figures, computed in the background

    /**
     * The académie's syntheses are the figures last computed: a change shows after « Recalculer maintenant » (or the
     * background refresh), not before; the page and the API say when they were computed; a head cannot recompute.
     */
    @Test
    void theAcademysSynthesesAreTheFiguresLastComputedWithTheirTime() throws Exception {
        academyFigures.compute(AcademyFigures.Kind.GUARDIAN_CODES, "demo");
        String computedAt = mvc.perform(get("/api/academies/demo/statistics/guardian-codes").with(academyAdmin()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.computedAt").isString())
                .andReturn().getResponse().getContentAsString();
        GuardianCodeLine before = academyLine(academyFigures.read(AcademyFigures.Kind.GUARDIAN_CODES, "demo"));
        assertThat(before.guardians()).isEqualTo(7);

        // one more guardian in 3A: the establishment's figures show it at once, the académie's kept figures not yet
        long a1 = jdbc.queryForObject("select id from student where uai = ? and last_name = 'A1'", Long.class, uai);
        jdbc.update("insert into guardian (uai, personne_id, last_name, first_name) values (?, 'P99', 'G99', 'Prénom')", uai);
        long g99 = jdbc.queryForObject("select id from guardian where uai = ? and personne_id = 'P99'", Long.class, uai);
        jdbc.update("insert into guardian_link (uai, student_id, guardian_id, legal_rank) values (?, ?, ?, 2)", uai, a1, g99);
        mvc.perform(get("/api/establishments/" + uai + "/statistics/guardian-codes").with(headOf(uai)))
                .andExpect(jsonPath("$.establishment.guardians").value(8));
        assertThat(mvc.perform(get("/api/academies/demo/statistics/guardian-codes").with(academyAdmin()))
                .andReturn().getResponse().getContentAsString()).isEqualTo(computedAt);
        Document page = Jsoup.parse(academyPageAsIs("codes-responsables"));
        assertThat(page.getElementById("computed-at").text()).matches("Chiffres de l’académie calculés le \\d\\d/\\d\\d/\\d{4} à "
                + "\\d\\d:\\d\\d, puis recalculés toutes les 10 minutes\\.");
        Element row = page.select("tr.app-stats__row").stream().filter(r -> r.text().startsWith(uai)).findFirst().orElseThrow();
        assertThat(cells(row).get(2)).isEqualTo("7");

        // a head may neither read nor recompute them
        mvc.perform(post("/api/academies/demo/statistics/refresh").with(headOf(uai))).andExpect(status().isForbidden());
        mvc.perform(post("/academie/statistiques/codes-responsables/recalcul").session(head(uai)).with(csrf()))
                .andExpect(status().isForbidden());

        // « Recalculer maintenant »: the new guardian is counted, with the new time
        mvc.perform(post("/academie/statistiques/codes-responsables/recalcul").session(academySession()).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("message", org.hamcrest.Matchers.matchesPattern(
                        "Chiffres de l’académie recalculés en \\d+,\\d s\\.")));
        assertThat(academyLine(academyFigures.read(AcademyFigures.Kind.GUARDIAN_CODES, "demo")).guardians()).isEqualTo(8);

        // the API's refresh recomputes the four syntheses and says in how long
        mvc.perform(post("/api/academies/demo/statistics/refresh").with(academyAdmin())).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].kind").value(org.hamcrest.Matchers.contains("student-codes", "guardian-codes",
                        "guardian-funnel", "student-funnel")))
                .andExpect(jsonPath("$[0].computedAt").isString()).andExpect(jsonPath("$[0].tookMs").isNumber());
    }

    /** Kept figures read back are the figures computed, line for line; too old ones are computed again on the read. */
    @Test
    void keptFiguresReadBackAsComputedAndTooOldOnesAreComputedAgain() {
        for (AcademyFigures.Kind kind : AcademyFigures.Kind.values()) {
            Synthesis<?> computed = academyFigures.compute(kind, "demo");
            Synthesis<?> read = academyFigures.read(kind, "demo");
            assertThat(read).as(kind.slug).isEqualTo(computed);
        }
        Instant hourAgo = Instant.now().minusSeconds(3600);
        jdbc.update("update academy_statistics_snapshot set computed_at = ? where academy_code = 'demo' and kind = 'student-codes'",
                java.sql.Timestamp.from(hourAgo));
        assertThat(academyFigures.read(AcademyFigures.Kind.STUDENT_CODES, "demo").computedAt()).isAfter(hourAgo.plusSeconds(1800));

        // the background refresh computes every kind of every académie
        jdbc.update("update academy_statistics_snapshot set computed_at = ? where academy_code = 'demo'", java.sql.Timestamp.from(hourAgo));
        academyFigures.refreshAll();
        assertThat(jdbc.queryForObject("select count(*) from academy_statistics_snapshot where academy_code = 'demo' and computed_at > ?",
                Integer.class, java.sql.Timestamp.from(hourAgo.plusSeconds(1800)))).isEqualTo(4);
        assertThat(AcademyFigures.every(java.time.Duration.ofMinutes(10))).isEqualTo("toutes les 10 minutes");
        assertThat(AcademyFigures.every(java.time.Duration.ofHours(1))).isEqualTo("toutes les heures");
        assertThat(AcademyFigures.every(java.time.Duration.ofSeconds(30))).isEqualTo("toutes les 30 secondes");
    }

    /** The establishment's line among the académie's. */
    private GuardianCodeLine academyLine(Synthesis<GuardianCodeLine> s) {
        return s.rows().stream().filter(r -> uai.equals(r.uai())).findFirst().orElseThrow();
    }

    /** An académie page after « Recalculer maintenant », as its administrator would press it to see a change at once. */
    private String academyPage(String slug) throws Exception {
        mvc.perform(post("/academie/statistiques/" + slug + "/recalcul").session(academySession()).with(csrf()))
                .andExpect(status().is3xxRedirection());
        return academyPageAsIs(slug);
    }

    private String academyPageAsIs(String slug) throws Exception {
        return mvc.perform(get("/academie/statistiques/" + slug).session(academySession()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    MockHttpSession head(String uai) throws Exception {
        return login(Heads.username(uai), Heads.password(uai));
    }

    MockHttpSession academySession() throws Exception {
        return login("academie", "academie");
    }

    private MockHttpSession login(String user, String password) throws Exception {
        MvcResult result = mvc.perform(formLogin("/login").user(user).password(password)).andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private static List<String> cells(Element row) {
        return row.select("th, td").eachText();
    }

    private static void assertPercents(BigDecimal a, String expectedA, BigDecimal b, String expectedB) {
        assertThat(a).isEqualByComparingTo(expectedA);
        assertThat(b).isEqualByComparingTo(expectedB);
    }

    private static Instant noon(LocalDate day) {
        return day.atTime(12, 0).atZone(Period.PARIS).toInstant();
    }
}
