package fr.adminteleservices.enrolment;

import static fr.adminteleservices.support.SiecleFixtures.parametres;
import static fr.adminteleservices.support.SiecleFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.support.EstablishmentFixtures;
import fr.adminteleservices.codes.GuardianCodes;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.replication.Replication;
import fr.adminteleservices.siecle.ImportReport;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.Heads;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Téléinscription end to end (I1–I3, guide §7): the académie sets the publication date and the
 * participants and uploads the assignment results; a guardian with a portal account enrols his child in the
 * lycée through teleinscription.bpmn; the collège follows it, the lycée sees the options chosen. On H2 and MariaDB.
 */
abstract class EnrolmentContract {

    static final String PASSWORD = "cheval agrafe batterie correcte";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final String SECONDE = "20010017110";

    @Autowired
    MockMvc mvc;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    EstablishmentFixtures fixtures;
    @Autowired
    ServiceOpening opening;
    @Autowired
    SiecleImportService imports;
    @Autowired
    GuardianCodes guardianCodes;
    @Autowired
    Replication replication;
    @Autowired
    Teleinscription teleinscription;
    @Autowired
    JdbcTemplate jdbc;

    String college;
    String lycee;
    String n;
    SchoolYear year;
    LocalDate today;
    MockHttpSession paul;

    /**
     * A collège with Léa and Zoé in 3e (Paul is Léa's father, with a portal account for her), and a lycée whose
     * Nomenclature profiles its seconde GT.
     */
    @BeforeEach
    void aCollegeALyceeAndAGuardianWithAnAccount() throws Exception {
        // families enrol only where the service « Téléinscription » is open: in the collège and in the lycée
        college = fixtures.establishment().families(id -> Families.of(id)
                .student(id.substring(0, 7) + "1", "Martin", "Léa", "03/04/2012", "3A")
                .guardian(id.substring(0, 7) + "10", "M.", "Martin", "Paul", "1").email("paul.martin@example.fr")
                .student(id.substring(0, 7) + "2", "Dupont", "Zoé", "07/08/2012", "3B")
                .guardian(id.substring(0, 7) + "11", "Mme", "Dupont", "Anne", "1").email("anne.dupont@example.fr"))
                .open("NOTES", "TELEINSCRIPTION").withGuardianCodes().create();
        lycee = fixtures.another();
        jdbc.update("update establishment set kind = 'LYCEE', name = ? where uai = ?", "Lycée d'essai " + lycee, lycee);
        year = establishments.currentSchoolYear("demo").orElseThrow();
        n = college.substring(0, 7);
        ImportReport nomenclature = imports.importExports(lycee, List.of(upload("Nomenclature.xml", nomenclature(lycee))), "test");
        assertThat(nomenclature.rejected()).isEmpty();
        opening.declare(lycee, "test");
        opening.setOpen(lycee, "TELEINSCRIPTION", true, "test");
        replication.runNow("test");
        today = LocalDate.now(PARIS).plusDays(1);
        moveTo(today);
        String username = "paul-" + college.toLowerCase();
        Document answer = Jsoup.parse(mvc.perform(post("/portail/activation").with(csrf()).param("code", carOf("1"))
                .param("naissance", "2012-04-03").param("identifiant", username).param("courriel", "paul.martin@example.fr")
                .param("motdepasse", PASSWORD).param("confirmation", PASSWORD)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString());
        assertThat(answer.getElementById("activated")).as(answer.select(".fr-error-text").eachText().toString()).isNotNull();
        jdbc.update("update portal_account set state = 'CONFIRMED', confirmed_at = ? where username = ?",
                java.sql.Timestamp.from(Instant.now()), username);
        MvcResult login = mvc.perform(formLogin("/portail/connexion").userParameter("identifiant").passwordParam("motdepasse")
                .user(username).password(PASSWORD)).andExpect(redirectedUrl("/portail")).andReturn();
        paul = (MockHttpSession) login.getRequest().getSession(false);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    // ------------------------------------------------------------------ end to end

    @Test
    void familiesEnrolOnlyWhereTheServiceIsOpenAndTheHomeAndTeleinscriptionPagesSayTheSame() throws Exception {
        MockHttpSession admin = adminLogin();
        mvc.perform(post("/academie/teleinscription").session(admin).with(csrf())
                        .param("publication", year.startsOn().toString()).param("participants", college, lycee))
                .andExpect(redirectedUrl("/academie/teleinscription"));
        uploadCsv(admin, "UAI_COLLEGE;ELEVE_ID;UAI_LYCEE;CODE_MEF\n" + college + ";" + n + "1;" + lycee + ";" + SECONDE + "\n");
        assertThat(page(paul, "/portail").selectFirst(".child-enrolment")).isNotNull();

        // the collège closes its service « Téléinscription »: both its pages say so at once, within the académie's window
        opening.setOpen(college, "TELEINSCRIPTION", false, "test");
        MockHttpSession collegeHead = headLogin(college);
        Element homeRow = page(collegeHead, "/etablissements/" + college)
                .selectFirst("main table tr:has(th:containsOwn(Téléinscription))");
        assertThat(homeRow.select(".fr-badge").text()).contains("Fermé");
        Document closed = page(collegeHead, "/etablissements/" + college + "/teleinscription");
        assertThat(closed.getElementById("window").text()).startsWith("La téléinscription n'est pas ouverte dans l'établissement : "
                + "le téléservice « Téléinscription » y est fermé");
        assertThat(closed.getElementById("service-closed")).isNotNull();
        assertThat(closed.getElementById("follow-up")).isNull();
        mvc.perform(get("/api/establishments/" + college + "/teleinscription").with(Heads.headOf(college)))
                .andExpect(jsonPath("$.serviceOpen").value(false)).andExpect(jsonPath("$.window").value("OPEN"))
                .andExpect(jsonPath("$.followUp").isEmpty());

        // families see it from the night's replication: no enrolment offered, and « Téléinscription » is not among the services
        replication.runNow("test");
        Document home = page(paul, "/portail");
        assertThat(home.select(".child-enrolment")).isEmpty();
        assertThat(home.select("ul.services li").eachText()).doesNotContain("Téléinscription");

        // reopened: both admin pages say it at once, families from the next replication
        opening.setOpen(college, "TELEINSCRIPTION", true, "test");
        assertThat(page(collegeHead, "/etablissements/" + college + "/teleinscription").getElementById("window").text())
                .isEqualTo("La téléinscription est ouverte jusqu'au " + FRENCH.format(year.endsOn()) + ", fin de l'année scolaire.");
        assertThat(page(collegeHead, "/etablissements/" + college).selectFirst("main table tr:has(th:containsOwn(Téléinscription))")
                .select(".fr-badge").text()).contains("Ouvert");
        replication.runNow("test");
        assertThat(page(paul, "/portail").selectFirst(".child-enrolment")).isNotNull();

        // the lycée closes it: nobody enrols into it any more
        opening.setOpen(lycee, "TELEINSCRIPTION", false, "test");
        replication.runNow("test");
        assertThat(page(paul, "/portail").select(".child-enrolment")).isEmpty();
        assertThat(page(headLogin(lycee), "/etablissements/" + lycee + "/teleinscription").getElementById("window").text())
                .contains("n'est pas ouverte dans l'établissement");
    }

    @Test
    void theAcademyOpensItAGuardianEnrolsHisChildTheCollegeFollowsAndTheLyceeSeesTheOptions() throws Exception {
        MockHttpSession admin = adminLogin();
        // the académie: publication date, participants, then the assignment results
        mvc.perform(post("/academie/teleinscription").session(admin).with(csrf())
                        .param("publication", year.startsOn().toString()).param("participants", college, lycee))
                .andExpect(redirectedUrl("/academie/teleinscription"));
        Document uploaded = uploadCsv(admin, "UAI_COLLEGE;ELEVE_ID;UAI_LYCEE;CODE_MEF\n"
                + college + ";" + n + "1;" + lycee + ";" + SECONDE + "\n"
                + college + ";" + n + "2;" + lycee + ";" + SECONDE + "\n");
        assertThat(uploaded.getElementById("report-summary").text()).contains("2 ligne(s) importée(s)", "0 ligne(s) refusée(s)");
        assertThat(uploaded.getElementById("window-state").text()).contains("ouverte jusqu'au " + FRENCH.format(year.endsOn()));

        // the collège of origin follows its two students, not started
        MockHttpSession collegeHead = headLogin(college);
        Document followUp = page(collegeHead, "/etablissements/" + college + "/teleinscription");
        assertThat(rows(followUp, "follow-up")).containsExactly(
                List.of("Dupont Zoé", "3B", "Lycée d'essai " + lycee, "2nde générale et technologique", "Non commencée"),
                List.of("Martin Léa", "3A", "Lycée d'essai " + lycee, "2nde générale et technologique", "Non commencée"));
        assertThat(count(followUp, "NOT_STARTED")).isEqualTo("Non commencée : 2");

        // the guardian starts from the portal's home
        Document home = page(paul, "/portail");
        Element offer = home.selectFirst(".child-enrolment");
        assertThat(offer.text()).contains("Téléinscription au Lycée d'essai " + lycee, "Non commencée", "Commencer la téléinscription");
        String enrolmentPath = offer.selectFirst("a").attr("href");
        Document start = page(paul, enrolmentPath);
        assertThat(start.selectFirst("h1").text()).isEqualTo("Téléinscription de Léa Martin");
        mvc.perform(post(enrolmentPath + "/commencer").session(paul).with(csrf())).andExpect(redirectedUrl(enrolmentPath));
        assertThat(count(page(collegeHead, "/etablissements/" + college + "/teleinscription"), "IN_PROGRESS")).isEqualTo("En cours : 1");

        // « Choisir les options »: the form offers the lycée's profile; a missing exploration is refused
        Document form = page(paul, enrolmentPath);
        assertThat(form.select("#options-form legend").eachText()).containsExactly(
                "Premier enseignement d'exploration (obligatoire)", "Deuxième enseignement d'exploration (obligatoire)",
                "Langue ou sport de section (facultatif : un au plus)", "Enseignement facultatif (facultatif : un au plus)");
        Document refused = Jsoup.parse(mvc.perform(post(enrolmentPath + "/options").session(paul).with(csrf())
                .param("choix-EXPLORATION-1", "076700")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(refused.select(".fr-error-text").eachText()).containsExactly("Choisissez le deuxième enseignement d'exploration.");
        choose(enrolmentPath, "076700", "071200", "030251", "");

        // « Confirmer l'inscription »: the summary; going back keeps the choices, then a new choice and confirm
        Document summary = page(paul, enrolmentPath);
        assertThat(summary.select("#summary li").eachText()).containsExactly(
                "Sciences économiques et sociales", "Sciences de l'ingénieur", "Section européenne anglais");
        mvc.perform(post(enrolmentPath + "/confirmation").session(paul).with(csrf()).param("decision", "modifier"))
                .andExpect(redirectedUrl(enrolmentPath));
        Document back = page(paul, enrolmentPath);
        assertThat(back.select("#options-form input[checked]").eachAttr("value")).containsExactly("076700", "071200", "030251", "");
        choose(enrolmentPath, "076700", "061100", "", "020700");
        mvc.perform(post(enrolmentPath + "/confirmation").session(paul).with(csrf()).param("decision", "confirmer"))
                .andExpect(redirectedUrl(enrolmentPath));
        Document done = page(paul, enrolmentPath);
        assertThat(done.getElementById("state").text()).isEqualTo("État : Terminée");
        assertThat(done.select("#summary li").eachText()).containsExactlyInAnyOrder(
                "Sciences économiques et sociales", "Méthodes et pratiques scientifiques", "Latin");

        // the collège sees it « Terminée », with the counts, at the next view
        Document after = page(collegeHead, "/etablissements/" + college + "/teleinscription");
        assertThat(rows(after, "follow-up")).extracting(r -> r.get(0) + " " + r.get(4))
                .containsExactly("Dupont Zoé Non commencée", "Martin Léa Terminée");
        assertThat(count(after, "COMPLETED")).isEqualTo("Terminée : 1");
        assertThat(count(after, "NOT_STARTED")).isEqualTo("Non commencée : 1");
        assertThat(count(after, "IN_PROGRESS")).isEqualTo("En cours : 0");
        assertThat(count(after, "TOTAL")).isEqualTo("Total : 2");

        // the lycée: its options per MEF of seconde GT by category, and the completed enrolment with the options chosen
        MockHttpSession lyceeHead = headLogin(lycee);
        Document lyceePage = page(lyceeHead, "/etablissements/" + lycee + "/teleinscription");
        Element mef = lyceePage.selectFirst("section.mef[data-mef=" + SECONDE + "]");
        assertThat(mef.select("tr[data-category=EXPLORATION] td").text()).isEqualTo("Principes fondamentaux de l'économie et de la gestion, "
                + "Sciences économiques et sociales, Littérature et société, Méthodes et pratiques scientifiques, Sciences de l'ingénieur");
        assertThat(mef.select("tr[data-category=SECTION] td").text()).isEqualTo("Section européenne anglais");
        assertThat(mef.select("tr[data-category=OPTIONAL] td").text()).isEqualTo("Arts plastiques, Latin");
        List<List<String>> completed = rows(lyceePage, "completed");
        assertThat(completed).hasSize(1);
        assertThat(completed.get(0).get(0)).isEqualTo("Martin Léa");
        assertThat(completed.get(0).get(3)).contains("Sciences économiques et sociales", "Méthodes et pratiques scientifiques", "Latin");

        // the API says the same, scoped to the head's establishment
        mvc.perform(get("/api/establishments/" + college + "/teleinscription").with(Heads.headOf(college)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.followUp.counts.COMPLETED").value(1))
                .andExpect(jsonPath("$.followUp.counts.NOT_STARTED").value(1));
        mvc.perform(get("/api/establishments/" + lycee + "/teleinscription").with(Heads.headOf(lycee)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.options[0].mefCode").value(SECONDE))
                .andExpect(jsonPath("$.completed[0].choices.length()").value(3));
        mvc.perform(get("/api/establishments/" + lycee + "/teleinscription").with(Heads.headOf(college)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/etablissements/" + lycee + "/teleinscription").session(collegeHead)).andExpect(status().isForbidden());
        // the académie's settings are the académie administrator's only
        mvc.perform(get("/academie/teleinscription").session(collegeHead)).andExpect(status().isForbidden());
        mvc.perform(post("/academie/teleinscription").session(lyceeHead).with(csrf())
                .param("publication", year.startsOn().toString()).param("participants", lycee)).andExpect(status().isForbidden());
        // and the enrolment is not someone else's: another guardian's account cannot reach it (no session: log-in page)
        mvc.perform(get(enrolmentPath)).andExpect(status().is3xxRedirection());
    }

    // ------------------------------------------------------------------ I1: before the date, not a participant

    @Test
    void beforeThePublicationDateTheMenuSaysWhenItOpensAndTheGuardianCannotStart() throws Exception {
        LocalDate opens = today.plusDays(10).isAfter(year.endsOn()) ? year.endsOn() : today.plusDays(10);
        teleinscription.configure("demo", opens, List.of(college, lycee), "test");
        uploadCsv(adminLogin(), "UAI_COLLEGE;ELEVE_ID;UAI_LYCEE;CODE_MEF\n" + college + ";" + n + "1;" + lycee + ";" + SECONDE + "\n");
        long id = jdbc.queryForObject("select id from enrolment_assignment where college_uai = ?", Long.class, college);

        Document collegePage = page(headLogin(college), "/etablissements/" + college + "/teleinscription");
        assertThat(collegePage.getElementById("window").text()).isEqualTo("La téléinscription ouvrira le " + FRENCH.format(opens)
                + ", à la publication des résultats de l'affectation.");
        assertThat(collegePage.getElementById("follow-up")).isNull();
        assertThat(page(paul, "/portail").select(".child-enrolment")).isEmpty();
        mvc.perform(post("/portail/teleinscription/" + id + "/commencer").session(paul).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get("/portail/teleinscription/" + id).session(paul)).andExpect(status().isForbidden());

        // on the day, it opens
        moveTo(opens);
        assertThat(page(paul, "/portail").select(".child-enrolment a").text()).isEqualTo("Commencer la téléinscription");
    }

    @Test
    void anEstablishmentThatDoesNotTakePartIsToldSo() throws Exception {
        // a date outside the school year is refused on screen, and the settings stay as they were
        teleinscription.configure("demo", year.startsOn(), List.of(college), "test");
        Document refused = Jsoup.parse(mvc.perform(post("/academie/teleinscription").session(adminLogin()).with(csrf())
                .param("publication", year.endsOn().plusDays(1).toString()).param("participants", college, lycee))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(refused.getElementById("error").text()).startsWith("La date de publication des résultats de l'affectation doit être "
                + "dans l'année scolaire " + year.label());
        assertThat(teleinscription.participants("demo")).containsExactly(college);

        Document lyceePage = page(headLogin(lycee), "/etablissements/" + lycee + "/teleinscription");
        assertThat(lyceePage.getElementById("not-taking-part").text()).startsWith("Votre lycée ne participe pas à la téléinscription");
        assertThat(lyceePage.select("section.mef")).isEmpty();
    }

    // ------------------------------------------------------------------ the profile from the Nomenclature

    @Test
    void anOlderNomenclatureWithoutProgrammesKeepsTheProfileANewOneReplacesIt() {
        assertThat(teleinscription.profile(lycee).mefs()).extracting(LyceeProfile.Mef::code).containsExactly(SECONDE);

        // an export with the MEFs only (no MATIERES, PROGRAMMES, OPTIONS_OBLIGATOIRES): the profile stays
        imports.importExports(lycee, List.of(upload("Nomenclature.xml", "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\n"
                + "<BEE_NOMENCLATURES VERSION=\"3.1\">" + parametres(lycee) + "<DONNEES><MEFS><MEF CODE_MEF=\"" + SECONDE + "\">"
                + "<FORMATION>2NDE GT</FORMATION></MEF></MEFS></DONNEES></BEE_NOMENCLATURES>")), "test");
        assertThat(teleinscription.profile(lycee).mef(SECONDE).orElseThrow().options(OptionCategory.EXPLORATION)).hasSize(5);

        // an export whose programme offers Latin only: that is the profile now; a broken PROGRAMME is reported
        ImportReport report = imports.importExports(lycee, List.of(upload("Nomenclature.xml", "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\n"
                + "<BEE_NOMENCLATURES VERSION=\"3.1\">" + parametres(lycee) + "<DONNEES><PROGRAMMES>"
                + "<PROGRAMME><CODE_MEF>" + SECONDE + "</CODE_MEF><CODE_MATIERE>020700</CODE_MATIERE><CODE_MODALITE_ELECT>F</CODE_MODALITE_ELECT></PROGRAMME>"
                + "<PROGRAMME><CODE_MEF>" + SECONDE + "</CODE_MEF><CODE_MATIERE>020700</CODE_MATIERE><CODE_MODALITE_ELECT>F</CODE_MODALITE_ELECT></PROGRAMME>"
                + "<PROGRAMME><CODE_MEF>" + SECONDE + "</CODE_MEF></PROGRAMME>"
                + "</PROGRAMMES></DONNEES></BEE_NOMENCLATURES>")), "test");
        assertThat(report.rejected()).extracting(ImportReport.Rejection::reason)
                .containsExactly("CODE_MEF, CODE_MATIERE ou CODE_MODALITE_ELECT absent ou invalide.");
        LyceeProfile.Mef mef = teleinscription.profile(lycee).mef(SECONDE).orElseThrow();
        assertThat(mef.groups()).extracting(LyceeProfile.Group::key).containsExactly("OPTIONAL");
        assertThat(mef.options(OptionCategory.OPTIONAL)).extracting(LyceeProfile.Option::label).containsExactly("Latin");
    }

    // ------------------------------------------------------------------ the assignment results

    @Test
    void everyRejectedLineOfTheAssignmentResultsIsReportedAndTheOthersAreImported() throws Exception {
        teleinscription.configure("demo", year.startsOn(), List.of(college, lycee), "test");
        String bom = "\uFEFF";
        Document report = uploadCsv(adminLogin(), bom + "ELEVE_ID;UAI_COLLEGE;CODE_MEF;UAI_LYCEE;COMMENTAIRE\n"
                + n + "1;" + college + ";" + SECONDE + ";" + lycee + ";bon\n"
                + "999999;" + college + ";" + SECONDE + ";" + lycee + ";élève inconnu\n"
                + n + "2;" + college + ";" + SECONDE + ";0990009A;UAI invalide\n"
                + n + "2;" + college + ";" + SECONDE + ";" + college + ";un collège\n"
                + n + "2;" + college + ";10310019110;" + lycee + ";pas une seconde\n"
                + "\n"
                + n + "1;" + college + ";" + SECONDE + ";" + lycee + ";en double\n"
                + n + "2;" + college + ";;" + lycee + ";vide\n");
        assertThat(report.getElementById("report-summary").text()).contains("1 ligne(s) importée(s)", "6 ligne(s) refusée(s)");
        assertThat(rows(report, "rejections")).containsExactly(
                List.of("3", "Élève inconnu au collège " + college + " (ELEVE_ID 999999) ou sorti de l'établissement."),
                List.of("4", "UAI du lycée invalide : 0990009A."),
                List.of("5", college + " n'est pas un lycée (lycée)."),
                List.of("6", "CODE_MEF 10310019110 : ce n'est pas un MEF de seconde générale et technologique (11 chiffres commençant par 200)."),
                List.of("8", "Élève déjà affecté à la ligne 2 du fichier : ligne ignorée."),
                List.of("9", "Colonne CODE_MEF vide."));
        assertThat(jdbc.queryForObject("select count(*) from enrolment_assignment where college_uai = ?", Integer.class, college)).isEqualTo(1);

        // a file without the header, or not in UTF-8, is refused whole and changes nothing
        Document noHeader = uploadCsv(adminLogin(), college + ";" + n + "2;" + lycee + ";" + SECONDE + "\n");
        assertThat(noHeader.getElementById("upload-error").text()).contains("La première ligne du fichier doit nommer les colonnes");
        Document latin1 = uploadBytes(adminLogin(), ("UAI_COLLEGE;ELEVE_ID;UAI_LYCEE;CODE_MEF\n" + college + ";é;" + lycee + ";" + SECONDE)
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(latin1.getElementById("upload-error").text()).startsWith("Le fichier n'est pas encodé en UTF-8");
        assertThat(jdbc.queryForObject("select count(*) from enrolment_assignment where college_uai = ?", Integer.class, college)).isEqualTo(1);
    }

    // ------------------------------------------------------------------ helpers

    /** Nomenclature.xml of the lycée: its 2nde GT with tronc commun, explorations of ranks 1 and 2, a section, optional teaching. */
    static String nomenclature(String uai) {
        String[][] subjects = {
                {"020100", "FRANC", "FRANCAIS", "Français"}, {"076700", "SES", "SCIENCES ECONOMIQUES ET SOCIALES", "Sciences économiques et sociales"},
                {"076800", "PFEG", "PRINCIPES FONDAMENTAUX ECO. GESTION", "Principes fondamentaux de l'économie et de la gestion"},
                {"071200", "SI", "SCIENCES DE L'INGENIEUR", "Sciences de l'ingénieur"}, {"013300", "LI-SO", "LITTERATURE ET SOCIETE", "Littérature et société"},
                {"061100", "MPS", "METHODES ET PRATIQUES SCIENTIFIQUES", "Méthodes et pratiques scientifiques"},
                {"030251", "SEC-AGL", "SECTION EUROPEENNE ANGLAIS", "Section européenne anglais"},
                {"020700", "LATIN", "LATIN", "Latin"}, {"080100", "A-PLA", "ARTS PLASTIQUES", "Arts plastiques"}};
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\n<BEE_NOMENCLATURES VERSION=\"3.1\">")
                .append(parametres(uai)).append("<DONNEES><MEFS><MEF CODE_MEF=\"").append(SECONDE).append("\"><FORMATION>2NDE GT</FORMATION>")
                .append("<LIBELLE_LONG>2NDE GENERALE &amp; TECHNO.</LIBELLE_LONG><LIBELLE_EDITION>2nde générale et technologique</LIBELLE_EDITION>")
                .append("<CODE_MEFSTAT>21310010017</CODE_MEFSTAT><NB_OPT_OBLIG>2</NB_OPT_OBLIG></MEF>")
                .append("<MEF CODE_MEF=\"20111010110\"><FORMATION>1ERE G</FORMATION><LIBELLE_LONG>1ERE GENERALE</LIBELLE_LONG></MEF></MEFS><MATIERES>");
        for (String[] s : subjects) {
            x.append("<MATIERE CODE_MATIERE=\"").append(s[0]).append("\"><CODE_GESTION>").append(s[1]).append("</CODE_GESTION><LIBELLE_COURT>")
                    .append(s[1]).append("</LIBELLE_COURT><LIBELLE_LONG>").append(s[2]).append("</LIBELLE_LONG><LIBELLE_EDITION>").append(s[3])
                    .append("</LIBELLE_EDITION><MATIERE_ETP>0</MATIERE_ETP></MATIERE>");
        }
        x.append("</MATIERES><PROGRAMMES>");
        String[][] programmes = {{"020100", "S"}, {"076700", "O"}, {"076800", "O"}, {"071200", "O"}, {"013300", "O"}, {"061100", "O"},
                {"030251", "F"}, {"020700", "F"}, {"080100", "F"}};
        for (String[] p : programmes) {
            x.append("<PROGRAMME><CODE_MEF>").append(SECONDE).append("</CODE_MEF><CODE_MATIERE>").append(p[0])
                    .append("</CODE_MATIERE><CODE_MODALITE_ELECT>").append(p[1]).append("</CODE_MODALITE_ELECT><HORAIRE>1.5</HORAIRE></PROGRAMME>");
        }
        // a programme of première: not a seconde GT, not offered
        x.append("<PROGRAMME><CODE_MEF>20111010110</CODE_MEF><CODE_MATIERE>020700</CODE_MATIERE><CODE_MODALITE_ELECT>F</CODE_MODALITE_ELECT></PROGRAMME>");
        x.append("</PROGRAMMES><OPTIONS_OBLIGATOIRES>");
        String[][] ranks = {{"076700", "1"}, {"076800", "1"}, {"071200", "2"}, {"013300", "2"}, {"061100", "2"}};
        for (String[] r : ranks) {
            x.append("<OPTION_OBLIGATOIRE><CODE_MEF>").append(SECONDE).append("</CODE_MEF><RANG_OPTION>").append(r[1])
                    .append("</RANG_OPTION><CODE_MATIERE>").append(r[0]).append("</CODE_MATIERE></OPTION_OBLIGATOIRE>");
        }
        // an element this application does not know is read and ignored
        x.append("</OPTIONS_OBLIGATOIRES><ELEMENTS_INCONNUS><INCONNU CODE=\"1\"><X>y</X></INCONNU></ELEMENTS_INCONNUS></DONNEES></BEE_NOMENCLATURES>");
        return x.toString();
    }

    void choose(String path, String exploration1, String exploration2, String section, String optional) throws Exception {
        mvc.perform(post(path + "/options").session(paul).with(csrf()).param("choix-EXPLORATION-1", exploration1)
                        .param("choix-EXPLORATION-2", exploration2).param("choix-SECTION", section).param("choix-OPTIONAL", optional))
                .andExpect(redirectedUrl(path));
    }

    Document uploadCsv(MockHttpSession admin, String csv) throws Exception {
        return uploadBytes(admin, csv.getBytes(StandardCharsets.UTF_8));
    }

    Document uploadBytes(MockHttpSession admin, byte[] csv) throws Exception {
        MockHttpServletRequestBuilder request = multipart("/academie/teleinscription/affectations")
                .file(new MockMultipartFile("fichier", "affectation.csv", "text/csv", csv)).session(admin).with(csrf());
        return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    MockHttpSession adminLogin() throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").user("academie").password("academie")).andReturn().getRequest().getSession(false);
    }

    MockHttpSession headLogin(String uai) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").user(Heads.username(uai)).password(Heads.password(uai)))
                .andReturn().getRequest().getSession(false);
    }

    Document page(MockHttpSession session, String path) throws Exception {
        return Jsoup.parse(mvc.perform(get(path).session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    static List<List<String>> rows(Document page, String tableId) {
        return page.select("#" + tableId + " tbody tr").stream()
                .map(tr -> tr.select("td").stream().map(Element::text).toList()).toList();
    }

    static String count(Document page, String state) {
        return page.select("#counts [data-state=" + state + "]").text();
    }

    String carOf(String local) {
        long link = jdbc.queryForObject("select l.id from guardian_link l join student s on s.id = l.student_id "
                + "where l.uai = ? and s.eleve_id = ?", Long.class, college, n + local);
        long code = jdbc.queryForObject("select id from guardian_code where valid_link_id = ?", Long.class, link);
        return guardianCodes.reveal(college, link, code, "test").reveal();
    }

    static void moveTo(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(day.atTime(12, 0).atZone(PARIS).toInstant()));
    }
}
