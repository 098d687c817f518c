package fr.adminteleservices.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.support.EstablishmentFixtures;
import fr.adminteleservices.codes.GuardianCodes;
import fr.adminteleservices.codes.StudentCodes;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.platform.RuleBook;
import fr.adminteleservices.replication.Replication;
import fr.adminteleservices.settings.DueDate;
import fr.adminteleservices.settings.NotesPublication;
import fr.adminteleservices.settings.PublicationMode;
import fr.adminteleservices.settings.SettingsService;
import fr.adminteleservices.settings.SettingsUpdate;
import fr.adminteleservices.support.Families;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Guardians and students consult grades, absences and LPC validations (G1, S5, S6, R1, D1, T3): records
 * entered on the administrative side, replicated, shown through the portal's pages as the rule
 * publication-visibility decides for the day the clock is moved to, each page view counted; a child
 * the account does not reach is refused. On H2 and MariaDB.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class ConsultationContract {

    static final String PASSWORD = "cheval agrafe batterie correcte";
    static final String MEFSTAT = "21160010019";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @Autowired
    MockMvc mvc;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    EstablishmentFixtures fixtures;
    @Autowired
    ServiceOpening opening;
    @Autowired
    GuardianCodes guardianCodes;
    @Autowired
    StudentCodes studentCodes;
    @Autowired
    Replication replication;
    @Autowired
    SettingsService settings;
    @Autowired
    SchoolRecords records;
    @Autowired
    ViewLog viewLog;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RuleBook rules;
    @Autowired
    RenderedLines renderedLines;

    String uai;
    String suffix;
    SchoolYear year;
    /** The day the tests start from: the codes are usable, and it is well inside the school year. */
    LocalDate base;
    long lea;
    long hugo;
    long zoe;
    long paulAccount;
    MockHttpSession paul;

    /**
     * Paul is the father of Léa (3A) and Hugo (5B), Anne the mother of Zoé (3A). Notes, Absences and LPC
     * are open; Paul's account holds Léa's code only.
     */
    @BeforeEach
    void aGuardianWithAnAccountForLea() throws Exception {
        // ids (and so INEs) of this establishment only: the same student in two establishments would be a change of school
        uai = fixtures.establishment().families(id -> Families.of(id)
                .student(id.substring(0, 7) + "1", "Martin", "Léa", "03/04/2012", "3A")
                .guardian(id.substring(0, 7) + "10", "M.", "Martin", "Paul", "1").email("paul.martin@example.fr")
                .student(id.substring(0, 7) + "2", "Martin", "Hugo", "05/06/2014", "5B")
                .guardian(id.substring(0, 7) + "10", "M.", "Martin", "Paul", "1")
                .student(id.substring(0, 7) + "3", "Dupont", "Zoé", "07/08/2012", "3A")
                .guardian(id.substring(0, 7) + "11", "Mme", "Dupont", "Anne", "1").email("anne.dupont@example.fr"))
                .open("NOTES", "ABSENCES", "LPC").withGuardianCodes().create();
        suffix = uai.toLowerCase();
        year = establishments.currentSchoolYear("demo").orElseThrow();
        // what Nomenclature.xml gives: the MEF of the students and its MEFSTAT
        if (jdbc.queryForObject("select count(*) from mef where uai = ? and code = '10310019110'", Integer.class, uai) == 0) {
            jdbc.update("insert into mef (uai, code, label, edition_label, mefstat) values (?, '10310019110', '3EME', '3ème', ?)",
                    uai, MEFSTAT);
        } else {
            jdbc.update("update mef set mefstat = ? where uai = ? and code = '10310019110'", MEFSTAT, uai);
        }
        lea = studentId("1");
        hugo = studentId("2");
        zoe = studentId("3");
        replication.runNow("test");
        LocalDate tomorrow = LocalDate.now(PARIS).plusDays(1);
        moveTo(tomorrow);

        activate(carOf("1"), "2012-04-03", "paul-" + suffix, "paul.martin@example.fr");
        // the confirmation link (tested with the accounts) is taken as followed
        jdbc.update("update portal_account set state = 'CONFIRMED', confirmed_at = ? where username = ?",
                java.sql.Timestamp.from(Instant.now()), "paul-" + suffix);
        paulAccount = jdbc.queryForObject("select id from portal_account where username = ?", Long.class, "paul-" + suffix);
        paul = login("paul-" + suffix);

        base = later(tomorrow, year.startsOn().plusDays(30));
        moveTo(base);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    // ------------------------------------------------------------------ notes

    @Test
    void dailyGradesShowTheDayAfterTheirPublicationDateAndEachPageViewIsCounted() throws Exception {
        assessment("3A", "Mathématiques", "Les fractions", base.minusDays(5), Map.of(lea, "12.5", zoe, "17"));
        assessment("3A", "Français", "Dictée", base.minusDays(1), Map.of(lea, "ABSENT", zoe, "9"));
        assessment("3A", "Anglais", "Irregular verbs", base, Map.of(lea, "15", zoe, "14"));
        assessment("3A", "Histoire-géographie", "Croquis de synthèse", base.plusDays(10), Map.of(lea, "11", zoe, "8"));
        replication.runNow("test");

        Document home = page(paul, "/portail");
        assertThat(home.select(".child-services a").eachAttr("href")).containsExactly(
                "/portail/eleves/" + uai + "/" + lea + "/notes", "/portail/eleves/" + uai + "/" + lea + "/absences",
                "/portail/eleves/" + uai + "/" + lea + "/livret");
        assertThat(home.select(".child-services a").eachText()).containsExactly("Notes", "Absences", "Livret de compétences");

        Document notes = page(paul, notesOf(lea));
        assertThat(notes.selectFirst("h1").text()).isEqualTo("Notes — Léa Martin");
        assertThat(notes.getElementById("child").text()).contains("3A", "Collège d'essai " + uai);
        assertThat(notes.getElementById("publication").text()).contains("au fil de l'eau");
        // published 5 days ago and yesterday: shown; today and in 10 days: not yet
        assertThat(rows(notes)).containsExactly(
                List.of(FRENCH.format(base.minusDays(3)), "Français", "Dictée", "Absent", "1"),
                List.of(FRENCH.format(base.minusDays(7)), "Mathématiques", "Les fractions", "12,5 / 20", "1"));
        assertThat(notes.text()).doesNotContain("Irregular verbs", "Croquis", "Zoé", "17 / 20");
        assertThat(logs()).containsExactly(Map.of("uai", uai, "mefstat", MEFSTAT, "service", "NOTES", "holder", "GUARDIAN",
                "account_id", paulAccount, "student_id", lea));

        // the next day, after the night's replication, today's publication shows too
        moveTo(base.plusDays(1));
        assertThat(page(paul, notesOf(lea)).select("#items tbody tr")).hasSize(3);
        assertThat(logs()).hasSize(2);
        // and each view counted in its day (in Paris) for the access statistics
        page(paul, notesOf(lea));
        viewLog.flush();
        assertThat(jdbc.queryForList("select consulted_on, service, holder, mefstat, accesses from consultation_count where uai = ?"
                + " order by consulted_on", uai)).extracting(r -> r.get("consulted_on").toString() + " " + r.get("service") + " "
                + r.get("holder") + " " + r.get("mefstat") + " " + r.get("accesses"))
                .containsExactly(base + " NOTES GUARDIAN " + MEFSTAT + " 1", base.plusDays(1) + " NOTES GUARDIAN " + MEFSTAT + " 2");
    }

    /** 18.4: a page is decided once per node and kept until the next copy of its establishment, the next day or other rules. */
    @Test
    void aChildsPageIsDecidedOnceAndKeptUntilTheNextCopyOfItsEstablishment() throws Exception {
        assessment("3A", "Mathématiques", "Les fractions", base.minusDays(5), Map.of(lea, "12.5", zoe, "17"));
        replication.runNow("test");
        assertThat(rows(page(paul, notesOf(lea)))).extracting(r -> r.get(3)).containsExactly("12,5 / 20");

        // written behind the portal's back (only the replication writes there): the page decided before is served
        jdbc.update("update ts_assessment_grade set grade = 8 where uai = ? and student_id = ?", uai, lea);
        assertThat(rows(page(paul, notesOf(lea)))).extracting(r -> r.get(3)).containsExactly("12,5 / 20");
        assertThat(logs()).as("every view still counted").hasSize(2);

        // other rules in force: decided again from the rows
        rules.reload();
        assertThat(rows(page(paul, notesOf(lea)))).extracting(r -> r.get(3)).containsExactly("8 / 20");

        // the next copy of the establishment (on whichever node) gives it a new stamp: the administrative side shows
        assessment("3A", "Français", "Dictée", base.minusDays(2), Map.of(lea, "15"));
        replication.runNow("test");
        assertThat(rows(page(paul, notesOf(lea)))).extracting(r -> r.get(2) + " " + r.get(3))
                .containsExactly("Dictée 15 / 20", "Les fractions 12,5 / 20");

        // and the next day decides again: yesterday's publication shows (published base + 0 is due the day after)
        assessment("3A", "Anglais", "Irregular verbs", base, Map.of(lea, "14"));
        replication.runNow("test");
        assertThat(rows(page(paul, notesOf(lea)))).hasSize(2);
        moveTo(base.plusDays(1));
        assertThat(rows(page(paul, notesOf(lea)))).hasSize(3);
    }

    /**
     * 18.4: the rows of a decided page are rendered once and given to every view of it, escaped as any value of a page;
     * the next copy of the establishment gives new rows.
     */
    @Test
    void theRowsOfADecidedPageAreRenderedOnceEscapedAndRenderedAgainAfterTheNextCopy() throws Exception {
        assessment("3A", "Mathématiques", "<b>Fractions</b> & <script>alert(1)</script>", base.minusDays(5), Map.of(lea, "12.5"));
        replication.runNow("test");
        long before = renderedLines.renderings();

        String first = mvc.perform(get(notesOf(lea)).session(paul)).andReturn().getResponse().getContentAsString();
        String second = mvc.perform(get(notesOf(lea)).session(paul)).andReturn().getResponse().getContentAsString();
        Document notes = Jsoup.parse(second);
        assertThat(rows(notes)).containsExactly(
                List.of(FRENCH.format(base.minusDays(7)), "Mathématiques", "<b>Fractions</b> & <script>alert(1)</script>", "12,5 / 20", "1"));
        assertThat(notes.select("#items tbody b, #items tbody script")).as("the title is text, not markup").isEmpty();
        assertThat(second).contains("&lt;b&gt;Fractions&lt;/b&gt; &amp; &lt;script&gt;");
        assertThat(Jsoup.parse(first).select("#items tbody").outerHtml()).isEqualTo(notes.select("#items tbody").outerHtml());
        assertThat(renderedLines.renderings()).as("one rendering for the two views").isEqualTo(before + 1);

        assessment("3A", "Français", "Dictée", base.minusDays(2), Map.of(lea, "15"));
        replication.runNow("test");
        assertThat(rows(page(paul, notesOf(lea)))).extracting(r -> r.get(2))
                .containsExactly("Dictée", "<b>Fractions</b> & <script>alert(1)</script>");
    }

    @Test
    void theGuidesExampleAGradePublishedAfterTheDueDateOfTheDivisionIsNotShown() throws Exception {
        // guide §3.2.5: due date 12 December, a publication date of 13 December → not shown
        LocalDate dueDate = LocalDate.of(year.startsOn().getYear(), 12, 12);
        settings.update(uai, SettingsUpdate.notes(new NotesPublication(PublicationMode.DUE_DATES,
                List.of(new DueDate(null, "3A", dueDate))), false), "test");
        assessment("3A", "Mathématiques", "Publiée avant l'échéance", dueDate.minusDays(11), Map.of(lea, "14"));
        assessment("3A", "Français", "Publiée le jour de l'échéance", dueDate, Map.of(lea, "13"));
        assessment("3A", "Anglais", "Publiée après l'échéance", dueDate.plusDays(1), Map.of(lea, "16"));
        // the setting applies from tomorrow: the replication copies it then, and the due date must have come
        LocalDate day = later(base.plusDays(1), dueDate.plusDays(1));
        moveTo(day);
        replication.runNow("test");

        Document notes = page(paul, notesOf(lea));
        assertThat(notes.getElementById("publication").text()).contains("à échéance", FRENCH.format(dueDate));
        assertThat(rows(notes)).extracting(r -> r.get(2))
                .containsExactlyInAnyOrder("Publiée avant l'échéance", "Publiée le jour de l'échéance");
        assertThat(notes.text()).doesNotContain("Publiée après l'échéance");

        // a due date still to come hides every grade of the division until the day after it
        LocalDate later = day.plusDays(5);
        if (!later.isAfter(year.endsOn())) {
            settings.update(uai, SettingsUpdate.notes(new NotesPublication(PublicationMode.DUE_DATES,
                    List.of(new DueDate(null, "3A", later))), false), "test");
            moveTo(day.plusDays(1));
            replication.runNow("test");
            Document waiting = page(paul, notesOf(lea));
            assertThat(waiting.getElementById("empty").text()).isEqualTo("Aucune note n'est publiée pour le moment.");
            assertThat(waiting.getElementById("publication").text()).contains("visibles à partir du " + FRENCH.format(later.plusDays(1)));
            moveTo(later.plusDays(1));
            assertThat(page(paul, notesOf(lea)).select("#items tbody tr")).hasSize(3);
        }
    }

    // ------------------------------------------------------------------ LPC and absences

    @Test
    void lpcValidationsShowAfterTheDelayOfTheEstablishment() throws Exception {
        settings.update(uai, SettingsUpdate.lpcDelay(3), "test");
        LocalDate day = base.plusDays(1);
        records.recordLpcValidations(uai, List.of(
                new SchoolRecords.LpcValidation(lea, "Compétence 1 — La maîtrise de la langue française", "Lire", day.minusDays(3)),
                new SchoolRecords.LpcValidation(lea, "Compétence 6 — Les compétences sociales et civiques", null, day.minusDays(2)),
                new SchoolRecords.LpcValidation(zoe, "Compétence 1 — La maîtrise de la langue française", "Écrire", day.minusDays(10))));
        moveTo(day);
        replication.runNow("test");

        Document lpc = page(paul, "/portail/eleves/" + uai + "/" + lea + "/livret");
        assertThat(lpc.getElementById("publication").text()).contains("3 jours après sa saisie");
        assertThat(rows(lpc)).containsExactly(
                List.of("Compétence 1 — La maîtrise de la langue française", "Lire", FRENCH.format(day.minusDays(3))));
        assertThat(lpc.text()).doesNotContain("Écrire");

        moveTo(day.plusDays(1));
        assertThat(rows(page(paul, "/portail/eleves/" + uai + "/" + lea + "/livret"))).extracting(r -> r.get(1))
                .containsExactly("Lire", "Compétence validée");
        assertThat(logs()).extracting(l -> l.get("service")).containsExactly("LPC", "LPC");
    }

    @Test
    void absencesShowTheDayAfterTheyHappened() throws Exception {
        records.recordAbsences(uai, List.of(
                new SchoolRecords.Absence(lea, base.minusDays(3), SchoolRecords.HalfDay.MORNING, 4, true, "Maladie"),
                new SchoolRecords.Absence(lea, base.minusDays(1), SchoolRecords.HalfDay.AFTERNOON, 3, false, null),
                new SchoolRecords.Absence(lea, base, SchoolRecords.HalfDay.MORNING, 4, false, null),
                new SchoolRecords.Absence(zoe, base.minusDays(2), SchoolRecords.HalfDay.MORNING, 4, false, "Transport")));
        replication.runNow("test");

        Document absences = page(paul, "/portail/eleves/" + uai + "/" + lea + "/absences");
        assertThat(rows(absences)).containsExactly(
                List.of(FRENCH.format(base.minusDays(1)), "Après-midi", "3", "Non", ""),
                List.of(FRENCH.format(base.minusDays(3)), "Matin", "4", "Oui", "Maladie"));
        assertThat(absences.getElementById("summary").text()).isEqualTo("2 demi-journées d'absence, dont 1 non justifiée.");
        assertThat(absences.text()).doesNotContain("Transport");
        assertThat(logs()).extracting(l -> l.get("service")).containsExactly("ABSENCES");
    }

    @Test
    void aClosedServiceSaysSoAndHasNoLink() throws Exception {
        records.recordAbsences(uai, List.of(
                new SchoolRecords.Absence(lea, base.minusDays(3), SchoolRecords.HalfDay.MORNING, 4, true, "Maladie")));
        opening.setOpen(uai, "ABSENCES", false, "test");
        replication.runNow("test");

        Document absences = page(paul, "/portail/eleves/" + uai + "/" + lea + "/absences");
        assertThat(absences.getElementById("service-closed").text()).contains("n'est pas ouvert dans l'établissement");
        assertThat(absences.select("#items")).isEmpty();
        assertThat(absences.text()).doesNotContain("Maladie");
        assertThat(page(paul, "/portail").select(".child-services a").eachText()).containsExactly("Notes", "Livret de compétences");
        assertThat(logs()).isEmpty();

        // nothing recorded yet: an empty state, still counted
        Document notes = page(paul, notesOf(lea));
        assertThat(notes.getElementById("empty").text()).isEqualTo("Aucune note n'est publiée pour le moment.");
        assertThat(logs()).hasSize(1);
    }

    // ------------------------------------------------------------------ who sees what

    @Test
    void anotherChildsPagesAreRefusedAndLogged(CapturedOutput output) throws Exception {
        assessment("3A", "Mathématiques", "Les fractions", base.minusDays(5), Map.of(lea, "12.5", zoe, "17"));
        replication.runNow("test");

        for (String path : List.of(notesOf(zoe), "/portail/eleves/" + uai + "/" + zoe + "/absences",
                "/portail/eleves/" + uai + "/" + zoe + "/livret", notesOf(hugo), "/portail/eleves/0990001N/" + lea + "/notes")) {
            MvcResult refused = mvc.perform(get(path).session(paul)).andExpect(status().isForbidden()).andReturn();
            assertThat(refused.getResponse().getContentAsString()).doesNotContain("Zoé", "Dupont", "Hugo", "17");
        }
        assertThat(output.getOut() + output.getErr()).contains(
                "Consultation refused: portal account " + paulAccount + " (GUARDIAN) asked for NOTES of student " + zoe + " of " + uai);
        assertThat(logs()).isEmpty();

        // G4: once Léa's code is replaced, her pages are refused too
        guardianCodes.newCode(uai, linkOf("1"), "test");
        mvc.perform(get(notesOf(lea)).session(paul)).andExpect(status().isForbidden());
        // and nobody signed in reaches a page at all
        mvc.perform(get(notesOf(lea))).andExpect(status().is3xxRedirection());
    }

    @Test
    void aStudentSeesOnlyTheirOwnPages() throws Exception {
        assessment("3A", "Mathématiques", "Les fractions", base.minusDays(5), Map.of(lea, "12.5", zoe, "17"));
        assessment("5B", "Mathématiques", "Nombres relatifs", base.minusDays(5), Map.of(hugo, "15"));
        replication.runNow("test");
        activate(caeOf("1"), "2012-04-03", "lea-" + suffix, "lea.martin@example.fr");
        long leaAccount = jdbc.queryForObject("select id from portal_account where username = ?", Long.class, "lea-" + suffix);
        MockHttpSession student = login("lea-" + suffix);

        assertThat(rows(page(student, notesOf(lea)))).extracting(r -> r.get(3)).containsExactly("12,5 / 20");
        mvc.perform(get(notesOf(hugo)).session(student)).andExpect(status().isForbidden());
        mvc.perform(get(notesOf(zoe)).session(student)).andExpect(status().isForbidden());
        assertThat(logs()).containsExactly(Map.of("uai", uai, "mefstat", MEFSTAT, "service", "NOTES", "holder", "STUDENT",
                "account_id", leaAccount, "student_id", lea));

        assertThat(page(student, "/portail").select(".child-services a").eachText())
                .containsExactly("Notes", "Absences", "Livret de compétences");

        // E3: the school removes the national téléservices from Léa's own account (coupon « pour l'élève »);
        // from the next replication her portal home has no link to them, and says why; her father still sees them
        studentCodes.refuse(uai, eleveId("1"), "test");
        replication.runNow("test");
        Document home = page(student, "/portail");
        assertThat(home.select(".child-services")).isEmpty();
        assertThat(home.select("a[href*=/portail/eleves/]")).isEmpty();
        assertThat(home.selectFirst(".child-access-removed").text())
                .contains("l'établissement a retiré l'accès aux téléservices nationaux", "l'ENT restent accessibles");
        assertThat(home.select("ul.services li").eachText()).doesNotContain("Consultation des notes", "Consultation des absences");
        Document removed = page(student, notesOf(lea));
        assertThat(removed.getElementById("access-removed")).isNotNull();
        assertThat(removed.select("#items")).isEmpty();
        assertThat(rows(page(paul, notesOf(lea)))).hasSize(1);
        Document fathersHome = page(paul, "/portail");
        assertThat(fathersHome.select(".child-services a").eachText()).contains("Notes", "Absences", "Livret de compétences");
        assertThat(fathersHome.select(".child-access-removed")).isEmpty();
    }

    // ------------------------------------------------------------------ demo

    @Test
    void theDemoCollegeHasRecordsSpreadOverTheSchoolYear() {
        String college = "0990001N";
        replication.runNow("test");
        assertThat(jdbc.queryForObject("select count(*) from ts_assessment where uai = ?", Integer.class, college)).isGreaterThan(100);
        assertThat(jdbc.queryForObject("select count(*) from ts_assessment_grade where uai = ?", Integer.class, college))
                .isGreaterThan(2000);
        assertThat(jdbc.queryForObject("select count(*) from ts_assessment where uai = ? and published_on < ?", Integer.class,
                college, base)).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from ts_assessment where uai = ? and published_on > ?", Integer.class,
                college, base)).isPositive();
        if (year.startsOn().isBefore(LocalDate.now(PARIS))) {
            // absences and validations up to the day the demo was loaded (none before the first day of school)
            assertThat(jdbc.queryForObject("select count(*) from ts_absence where uai = ?", Integer.class, college)).isPositive();
            assertThat(jdbc.queryForObject("select count(*) from ts_lpc_validation where uai = ?", Integer.class, college))
                    .isPositive();
        }
        // every result belongs to a student of the collège
        assertThat(jdbc.queryForObject("select count(*) from assessment_grade g join student s on s.id = g.student_id "
                + "where g.uai = ? and s.uai <> g.uai", Integer.class, college)).isZero();
    }

    // ------------------------------------------------------------------ helpers

    /** An assessment of a division, held two days before the publication date the teacher set; results: a grade or a mark. */
    void assessment(String division, String subject, String title, LocalDate publishedOn, Map<Long, String> results) {
        records.recordAssessment(uai, new SchoolRecords.Assessment(division, subject, title, publishedOn.minusDays(2), publishedOn,
                20, BigDecimal.ONE), results.entrySet().stream()
                .map(r -> r.getValue().chars().allMatch(c -> Character.isDigit(c) || c == '.')
                        ? SchoolRecords.Result.grade(r.getKey(), r.getValue())
                        : SchoolRecords.Result.mark(r.getKey(), SchoolRecords.Mark.valueOf(r.getValue())))
                .toList());
    }

    void activate(String code, String birthDate, String username, String email) throws Exception {
        Document answer = Jsoup.parse(mvc.perform(post("/portail/activation").with(csrf()).param("code", code)
                .param("naissance", birthDate).param("identifiant", username).param("courriel", email)
                .param("motdepasse", PASSWORD).param("confirmation", PASSWORD)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString());
        assertThat(answer.getElementById("activated")).as(answer.select(".fr-error-text").eachText().toString()).isNotNull();
    }

    String notesOf(long studentId) {
        return "/portail/eleves/" + uai + "/" + studentId + "/notes";
    }

    Document page(MockHttpSession session, String path) throws Exception {
        return Jsoup.parse(mvc.perform(get(path).session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    static List<List<String>> rows(Document page) {
        return page.select("#items tbody tr").stream().map(tr -> tr.select("td").stream().map(org.jsoup.nodes.Element::text).toList()).toList();
    }

    /**
     * 18.4: pages queue their views and a flush writes them in one transaction. Written once each, from many threads,
     * across two days; a flush that fails (the count table gone for a moment) writes nothing and loses nothing; the
     * application's stop writes what is left.
     */
    @Test
    void pageViewsAreWrittenInBatchesOnceEachAndNoneLost() throws Exception {
        viewLog.flush();
        Instant day1 = base.atTime(10, 0).atZone(java.time.ZoneId.of("Europe/Paris")).toInstant();
        Instant day2 = day1.plus(java.time.Duration.ofDays(1));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            int thread = t;
            pool.submit(() -> {
                for (int i = 0; i < 150; i++) {
                    viewLog.record(new ViewLog.View(i % 3 == 0 ? day2 : day1, uai, MEFSTAT, "NOTES", "GUARDIAN", 1000 + thread, lea));
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(viewLog.pending()).isEqualTo(1200);
        assertThat(countsOfTheDays()).isEmpty();

        viewLog.flush();
        viewLog.flush();
        assertThat(viewLog.pending()).isZero();
        assertThat(countsOfTheDays()).containsExactly(base + " 800", base.plusDays(1) + " 400");
        assertThat(jdbc.queryForObject("select count(*) from consultation_log where uai = ? and account_id >= 1000", Integer.class, uai))
                .isEqualTo(1200);

        // a failed batch is rolled back whole and kept: its log lines are not written without their counts
        jdbc.execute("alter table consultation_count rename to consultation_count_away");
        try {
            viewLog.record(new ViewLog.View(day1, uai, MEFSTAT, "NOTES", "GUARDIAN", 2000, lea));
            viewLog.flush();
            assertThat(viewLog.pending()).isEqualTo(1);
        } finally {
            jdbc.execute("alter table consultation_count_away rename to consultation_count");
        }
        assertThat(jdbc.queryForObject("select count(*) from consultation_log where uai = ? and account_id = 2000", Integer.class, uai))
                .isZero();
        viewLog.record(new ViewLog.View(day2, uai, MEFSTAT, "NOTES", "GUARDIAN", 2000, lea));
        viewLog.writeBeforeStopping();
        assertThat(viewLog.pending()).isZero();
        assertThat(countsOfTheDays()).containsExactly(base + " 801", base.plusDays(1) + " 401");
        assertThat(jdbc.queryForObject("select count(*) from consultation_log where uai = ? and account_id = 2000", Integer.class, uai))
                .isEqualTo(2);
    }

    private List<String> countsOfTheDays() {
        return jdbc.queryForList("select consulted_on, accesses from consultation_count where uai = ? and service = 'NOTES'"
                + " order by consulted_on", uai).stream().map(r -> r.get("consulted_on") + " " + r.get("accesses")).toList();
    }

    /** The views written so far: the pages' queue is written first, as every few seconds in production. */
    List<Map<String, Object>> logs() {
        viewLog.flush();
        return jdbc.queryForList("select uai, mefstat, service, holder, account_id, student_id from consultation_log "
                + "where uai = ? order by id", uai).stream()
                .map(r -> Map.<String, Object>of("uai", r.get("uai").toString().trim(), "mefstat", r.get("mefstat"),
                        "service", r.get("service"), "holder", r.get("holder"),
                        "account_id", ((Number) r.get("account_id")).longValue(), "student_id", ((Number) r.get("student_id")).longValue()))
                .toList();
    }

    MockHttpSession login(String username) throws Exception {
        MvcResult result = mvc.perform(formLogin("/portail/connexion").userParameter("identifiant").passwordParam("motdepasse")
                .user(username).password(PASSWORD)).andExpect(redirectedUrl("/portail")).andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    /** ELEVE_ID of the local student number 1, 2 or 3. */
    String eleveId(String local) {
        return uai.substring(0, 7) + local;
    }

    long studentId(String local) {
        return jdbc.queryForObject("select id from student where uai = ? and eleve_id = ?", Long.class, uai, eleveId(local));
    }

    long linkOf(String local) {
        return jdbc.queryForObject("select l.id from guardian_link l join student s on s.id = l.student_id "
                + "where l.uai = ? and s.eleve_id = ?", Long.class, uai, eleveId(local));
    }

    String carOf(String local) {
        long link = linkOf(local);
        long code = jdbc.queryForObject("select id from guardian_code where valid_link_id = ?", Long.class, link);
        return guardianCodes.reveal(uai, link, code, "test").reveal();
    }

    String caeOf(String local) {
        long code = jdbc.queryForObject("select c.id from student_code c join student s on s.id = c.valid_student_id "
                + "where s.uai = ? and s.eleve_id = ?", Long.class, uai, eleveId(local));
        return studentCodes.reveal(uai, eleveId(local), code, "test").reveal();
    }

    static void moveTo(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(day.atTime(12, 0).atZone(PARIS).toInstant()));
    }

    static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
