package fr.adminteleservices.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.security.Directory;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.H2Test;
import fr.adminteleservices.support.Heads;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;

/** « Accès des élèves » as a head uses it: the students' CAEs (E1) and one student's codes (E3). */
@H2Test
class StudentCodesScreenTest {

    static final String CODE_PATTERN = GuardianCodesContract.CODE_PATTERN;

    @Autowired
    MockMvc mvc;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    Directory directory;
    @Autowired
    SiecleImportService imports;
    @Autowired
    JdbcTemplate jdbc;

    String uai;
    MockHttpSession session;

    /** Léa Martin (3A), Hugo Bernard (3B) and Zoé Petit (3B), who left on 15/10/2026: the import gives each a CAE. */
    @BeforeEach
    void establishmentWithStudents() throws Exception {
        uai = Heads.newEstablishmentWithHead(establishments, directory);
        importStudents("");
        importStudents("<DATE_SORTIE>15/10/2026</DATE_SORTIE>");
        session = login(Heads.username(uai), Heads.password(uai));
    }

    @Test
    void theListShowsEachStudentWithTheirCaeAndLeadsToTheirPage() throws Exception {
        Document page = page(get(base()).session(session));

        assertThat(page.title()).isEqualTo("Gérer le code pour un élève — Accès des élèves — Admin Téléservices");
        assertThat(page.select("nav.fr-sidemenu .fr-sidemenu__item").eachText())
                .containsExactly("Notifier en masse", "Gérer le code pour un élève");
        assertThat(page.select("nav.fr-sidemenu a").eachText()).containsExactly("Notifier en masse", "Gérer le code pour un élève");
        assertThat(page.selectFirst("nav.fr-sidemenu a[aria-current=page]").text()).isEqualTo("Gérer le code pour un élève");

        // the students present, with « CAE valide : Oui »; the one who left is not listed
        assertThat(columns(page)).containsExactly("Élève", "Division", "MEF", "CAE valide", "Accès enlevé", "Action");
        assertThat(page.select("#students-table tbody tr")).hasSize(2);
        assertThat(cells(page.getElementById("student-1"))).containsExactly("Martin Léa", "3A", "10310019110", "Oui", "Non",
                "Gérer le code");
        assertThat(cells(page.getElementById("student-2")).get(3)).isEqualTo("Oui");
        assertThat(page.getElementById("student-3")).isNull();
        Element manage = page.getElementById("student-1").selectFirst("a.fr-btn");
        assertThat(manage.attr("href")).isEqualTo(base() + "/1");
        assertThat(manage.attr("aria-label")).isEqualTo("Gérer le code de Martin Léa");

        // the filters: division, name (accents and case aside), the students who left
        Document in3b = page(get(base()).param("division", "3B").session(session));
        assertThat(in3b.select("#students-table tbody tr").eachAttr("id")).containsExactly("student-2");
        assertThat(in3b.selectFirst("#division option[selected]").val()).isEqualTo("3B");
        Document named = page(get(base()).param("nom", "LEA").session(session));
        assertThat(named.select("#students-table tbody tr").eachAttr("id")).containsExactly("student-1");
        assertThat(page(get(base()).param("nom", "Dupont").session(session)).getElementById("no-student").text())
                .isEqualTo("Aucun élève pour cette sélection.");
        Document withLeft = page(get(base()).param("partis", "true").session(session));
        assertThat(cells(withLeft.getElementById("student-3")).get(0)).isEqualTo("Petit Zoé Départ le 15/10/2026");
        assertThat(cells(withLeft.getElementById("student-3")).get(3)).isEqualTo("Non");
        assertThat(withLeft.selectFirst("#students-table caption").text()).isEqualTo("3 élèves");
    }

    @Test
    void theStudentPageShowsTheIdentityTheStateAndTheHistory() throws Exception {
        Document page = page(get(studentUrl("1")).session(session));

        assertThat(page.title()).isEqualTo("Martin Léa — Accès des élèves — Admin Téléservices");
        assertThat(page.selectFirst("nav a[aria-current=page].app-menu__link").text()).startsWith("Accès des élèves");
        assertThat(page.getElementById("identity").text()).contains("Martin").contains("Léa").contains("03/04/2012")
                .contains("3A").contains("Présent dans l'établissement");
        assertThat(page.getElementById("refusal-state").text()).contains("Accès aux téléservices nationaux non enlevé")
                .contains("l'élève a un code d'activation valide");
        assertThat(page.getElementById("left-state")).isNull();

        // the history: one valid CAE, masked, « Utilisé : Non »
        assertThat(columns(page.getElementById("history"))).containsExactly("Code", "Créé le", "Valide à partir du", "Valide",
                "Invalidé le", "Notifié le", "Date de continuité d'accès", "Utilisé", "Affiché", "Action");
        List<Element> rows = page.select("#history tbody tr");
        assertThat(rows).hasSize(1);
        List<String> cells = cells(rows.get(0));
        assertThat(cells.get(0)).matches("•••••-•••••-•••[2-9A-HJKMNP-Z]{2} Code masqué se terminant par [2-9A-HJKMNP-Z]{2}");
        assertThat(cells.subList(3, 10)).containsExactly("Oui", "—", "—", "—", "Non", "Jamais", "Afficher");
        assertThat(page.html()).doesNotContainPattern(CODE_PATTERN);

        // the actions: « Nouveau code », « Enlever l'accès », « Notifier code » (the letter, a PDF to save before printing)
        Element actions = page.getElementById("actions");
        assertThat(actions.select("button").eachText()).containsExactly("Nouveau code", "Enlever l'accès", "Notifier code");
        assertThat(actions.select("button[disabled]")).isEmpty();
        assertThat(actions.text()).contains("enregistrez le fichier avant de l'imprimer");

        mvc.perform(get(studentUrl("999")).session(session)).andExpect(status().isNotFound());
    }

    @Test
    void afficherShowsTheValueOnThePageOnlyAndRecordsIt() throws Exception {
        Document page = page(get(studentUrl("1")).session(session));
        Element row = page.selectFirst("#history tbody tr");
        long codeId = Long.parseLong(row.id().substring("code-".length()));
        Element form = row.selectFirst("form");
        assertThat(form.attr("method")).isEqualTo("post");
        String action = form.attr("action");
        assertThat(action).isEqualTo(studentUrl("1") + "/affichage/" + codeId);
        assertThat(row.selectFirst("button").attr("aria-label")).startsWith("Afficher le code créé le ");

        Document shown = page(post(action).session(session).with(csrf()));

        String value = shown.getElementById("revealed-value").text();
        assertThat(value).matches(CODE_PATTERN);
        assertThat(value).doesNotContain("•");
        assertThat(shown.getElementById("revealed").text()).contains("Cet affichage est enregistré");
        assertThat(shown.selectFirst("#code-" + codeId + " td").text()).isEqualTo(value);
        assertThat(action).doesNotContain(value);
        assertThat(jdbc.queryForObject("select count(*) from code_reveal where uai = ? and kind = 'CAE' and code_id = ? "
                + "and revealed_by = ?", Integer.class, uai, codeId, Heads.username(uai))).isEqualTo(1);

        // a code of another student is not shown
        long otherCode = jdbc.queryForObject("select c.id from student_code c join student s on s.id = c.valid_student_id "
                + "where s.uai = ? and s.eleve_id = '2'", Long.class, uai);
        mvc.perform(post(studentUrl("1") + "/affichage/" + otherCode).session(session).with(csrf())).andExpect(status().isNotFound());
        assertThat(jdbc.queryForObject("select count(*) from code_reveal where code_id = ?", Integer.class, otherCode)).isZero();
    }

    @Test
    void nouveauCodeAsksForAConfirmationThenReplacesTheValidCae() throws Exception {
        // when the head asks for a new code, the page first says the valid CAE will be invalidated
        Document confirm = page(post(studentUrl("1") + "/nouveau-code").session(session).with(csrf()));
        assertThat(confirm.getElementById("confirm-new-code").text()).contains("Le code valide de l'élève va être invalidé")
                .contains("il devra y saisir le nouveau code");
        assertThat(confirm.select("#history tbody tr")).hasSize(1);
        assertThat(validCaes("1")).isEqualTo(1);

        // then on confirmation
        MvcResult done = mvc.perform(post(studentUrl("1") + "/nouveau-code").param("confirmation", "true").session(session)
                        .with(csrf()))
                .andExpect(redirectedUrl(studentUrl("1")))
                .andExpect(flash().attribute("message", matchesPattern("Un nouveau code d'activation a été créé pour l'élève "
                        + "\\(.+\\) ; il est utilisable à partir du \\d{2}/\\d{2}/\\d{4}\\. L'ancien code est invalidé : l'élève "
                        + "devra saisir le nouveau code dans son compte existant\\.")))
                .andReturn();

        Document page = page(get(studentUrl("1")).session(session).flashAttrs(done.getFlashMap()));
        assertThat(page.getElementById("message").text()).contains("Un nouveau code d'activation a été créé");
        List<Element> rows = page.select("#history tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(cells(rows.get(0)).get(3)).isEqualTo("Oui");
        assertThat(cells(rows.get(1)).get(3)).isEqualTo("Non");
        assertThat(cells(rows.get(1)).get(4)).endsWith("Remplacé par un nouveau code");
        assertThat(validCaes("1")).isEqualTo(1);
    }

    @Test
    void enleverLAccesKeepsTheCaeValidThenRetablirLAccesWithdrawsTheRefusal() throws Exception {
        MvcResult refused = mvc.perform(post(studentUrl("2") + "/refus").session(session).with(csrf()))
                .andExpect(redirectedUrl(studentUrl("2")))
                .andExpect(flash().attribute("message", containsString("L'accès de l'élève aux téléservices nationaux est enlevé")))
                .andReturn();

        Document page = page(get(studentUrl("2")).session(session).flashAttrs(refused.getFlashMap()));
        assertThat(page.getElementById("message").text()).contains("reste valide pour l'ENT et les applications académiques");
        assertThat(page.getElementById("refusal-state").text()).contains("Accès aux téléservices nationaux enlevé")
                .contains("Son code d'activation reste valide");
        assertThat(page.getElementById("actions").select("button").eachText())
                .containsExactly("Nouveau code", "Rétablir l'accès", "Notifier code");
        assertThat(validCaes("2")).as("the CAE still serves the ENT and academic applications").isEqualTo(1);
        Document list = page(get(base()).session(session));
        assertThat(cells(list.getElementById("student-2")).subList(3, 5)).containsExactly("Oui", "Accès enlevé");

        MvcResult restored = mvc.perform(post(studentUrl("2") + "/retablissement").session(session).with(csrf()))
                .andExpect(redirectedUrl(studentUrl("2")))
                .andExpect(flash().attribute("message", containsString("est rétabli")))
                .andReturn();
        Document after = page(get(studentUrl("2")).session(session).flashAttrs(restored.getFlashMap()));
        assertThat(after.getElementById("refusal-state").text()).contains("non enlevé");
        assertThat(after.getElementById("actions").select("button").eachText()).contains("Enlever l'accès");
        assertThat(jdbc.queryForObject("select count(*) from access_refusal r join student s on s.id = r.student_id "
                + "where s.uai = ? and s.eleve_id = '2' and r.kind = 'STUDENT' and r.withdrawn_at is null", Integer.class, uai)).isZero();
        assertThat(cells(page(get(base()).session(session)).getElementById("student-2")).get(4)).isEqualTo("Non");
    }

    @Test
    void aStudentWhoLeftGetsNoNewCodeAndThePageSaysWhy() throws Exception {
        Document page = page(get(studentUrl("3")).session(session));

        assertThat(page.getElementById("presence").text()).isEqualTo("A quitté l'établissement le 15/10/2026");
        assertThat(page.getElementById("left-state").text()).contains("Son code d'activation a été invalidé à son départ");
        assertThat(page.getElementById("actions").select("button").eachText()).doesNotContain("Nouveau code");
        assertThat(page.getElementById("no-new-code").text()).contains("l'élève a quitté l'établissement");
        assertThat(cells(page.selectFirst("#history tbody tr")).get(4)).endsWith("Départ de l'élève");

        Document refused = page(post(studentUrl("3") + "/nouveau-code").param("confirmation", "true").session(session).with(csrf()));
        assertThat(refused.getElementById("error").text()).contains("L'élève a quitté l'établissement");
        assertThat(validCaes("3")).isZero();
    }

    @Test
    void aHeadOfAnotherEstablishmentIsRefused() throws Exception {
        String otherUai = Heads.newEstablishmentWithHead(establishments, directory);
        MockHttpSession other = login(Heads.username(otherUai), Heads.password(otherUai));
        long codeId = jdbc.queryForObject("select c.id from student_code c join student s on s.id = c.valid_student_id "
                + "where s.uai = ? and s.eleve_id = '1'", Long.class, uai);

        mvc.perform(get(base()).session(other)).andExpect(status().isForbidden());
        mvc.perform(get(studentUrl("1")).session(other)).andExpect(status().isForbidden());
        mvc.perform(post(studentUrl("1") + "/affichage/" + codeId).session(other).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post(studentUrl("1") + "/nouveau-code").param("confirmation", "true").session(other).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post(studentUrl("1") + "/refus").session(other).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post(studentUrl("1") + "/retablissement").session(other).with(csrf())).andExpect(status().isForbidden());

        assertThat(jdbc.queryForObject("select count(*) from code_reveal where code_id = ?", Integer.class, codeId)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from student_code c join student s on s.id = c.student_id "
                + "where s.uai = ? and s.eleve_id = '1'", Integer.class, uai)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from access_refusal where uai = ?", Integer.class, uai)).isZero();
    }

    private void importStudents(String thirdStudentExtra) {
        imports.importExports(uai, Families.of(uai).student("1", "Martin", "Léa", "03/04/2012", "3A")
                .student("2", "Bernard", "Hugo", "05/06/2012", "3B")
                .student("3", "Petit", "Zoé", "07/08/2012", "3B").with(thirdStudentExtra).exports(), "test");
    }

    private int validCaes(String eleveId) {
        return jdbc.queryForObject("select count(*) from student_code c join student s on s.id = c.student_id "
                + "where s.uai = ? and s.eleve_id = ? and c.valid_student_id is not null", Integer.class, uai, eleveId);
    }

    private String base() {
        return "/etablissements/" + uai + "/acces-eleves/codes";
    }

    private String studentUrl(String eleveId) {
        return base() + "/" + eleveId;
    }

    private static List<String> columns(Element scope) {
        return scope.select("thead th").eachText();
    }

    private static List<String> cells(Element row) {
        return row.select("th, td").eachText();
    }

    private Document page(RequestBuilder request) throws Exception {
        return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private MockHttpSession login(String user, String password) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").user(user).password(password)).andReturn().getRequest().getSession(false);
    }
}
