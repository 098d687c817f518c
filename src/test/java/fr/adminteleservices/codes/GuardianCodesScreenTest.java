package fr.adminteleservices.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.support.EstablishmentFixtures;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.H2Test;
import fr.adminteleservices.support.Heads;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
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

/** « Accès des responsables » as a head uses it: mass creation of CARs (C1) and one couple's codes (C3). */
@H2Test
class GuardianCodesScreenTest {

    static final String CODE_PATTERN = GuardianCodesContract.CODE_PATTERN;
    static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final String NOT_LEGAL = "Seuls les responsables légaux 1 et 2 peuvent recevoir un code d'activation.";

    @Autowired
    MockMvc mvc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    EstablishmentFixtures fixtures;
    @Autowired
    ServiceOpening opening;
    @Autowired
    JdbcTemplate jdbc;

    String uai;
    MockHttpSession session;

    /** Léa Martin (3A) with her father (légal 1), her mother (légal 2) and a nanny (no legal rank); Hugo Bernard (3B), his mother. */
    @BeforeEach
    void establishmentWithCouplesAndAnOpenService() throws Exception {
        uai = fixtures.establishment().families(Families::martinAndBernard).open("NOTES").create();
        session = EstablishmentFixtures.headSession(mvc, uai);
    }

    @Test
    void theListsReadInFrenchOrderOnTheScreenAndInTheApi() throws Exception {
        // given Boucher, Bédier, Émile Abel and Élodie Abel in one division (H2 alone would put « Bédier » after « Boucher »)
        String other = fixtures.establishment().families(id -> Families.of(id)
                .student("1", "Boucher", "Anna", "03/04/2012", "3A").guardian("10", "M.", "Boucher", "Paul", "1")
                .student("2", "Bédier", "Jules", "05/06/2012", "3A").guardian("11", "M.", "Bédier", "Marc", "1")
                .student("3", "Abel", "Émile", "05/06/2012", "3A").guardian("12", "Mme", "Abel", "Rose", "1")
                .student("4", "Abel", "Elsa", "05/06/2012", "3A").guardian("12", "Mme", "Abel", "Rose", "1"))
                .open("NOTES").create();
        MockHttpSession head = EstablishmentFixtures.headSession(mvc, other);
        List<String> french = List.of("Abel Elsa", "Abel Émile", "Bédier Jules", "Boucher Anna");

        // the creation list, the students' list and the API give the same French order
        Document creation = page(get("/etablissements/" + other + "/responsables/creation").session(head));
        assertThat(creation.select("#couples-table tbody tr td:nth-child(2)").eachText()).containsExactlyElementsOf(french);
        Document students = page(get("/etablissements/" + other + "/eleves").param("division", "3A").session(head));
        assertThat(students.select("main table tbody tr").eachText()).hasSize(4)
                .satisfies(rows -> assertThat(rows.get(0)).contains("Abel", "Elsa"))
                .satisfies(rows -> assertThat(rows.get(2)).contains("Bédier"))
                .satisfies(rows -> assertThat(rows.get(3)).contains("Boucher"));
        String json = mvc.perform(get("/api/establishments/" + other + "/guardian-links").param("view", "all")
                        .with(Heads.headOf(other)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json.indexOf("Bédier")).isLessThan(json.indexOf("Boucher"));
        assertThat(json.indexOf("Émile")).isLessThan(json.indexOf("Bédier"));
    }

    @Test
    void theCreationPageListsTheCouplesAndSaysWhyOneCannotGetACode() throws Exception {
        mvc.perform(get(base()).session(session)).andExpect(redirectedUrl(base() + "/creation"));
        Document page = page(get(base() + "/creation").session(session));

        assertThat(page.selectFirst("h1").text()).isEqualTo("Créer les codes en masse");
        assertThat(page.select("nav.fr-sidemenu li").eachText()).containsExactly("Créer les codes en masse",
                "Notifier en masse", "Gérer le code pour un couple");
        assertThat(page.select("nav.fr-sidemenu a").eachText()).containsExactly("Créer les codes en masse",
                "Notifier en masse", "Gérer le code pour un couple");
        assertThat(page.selectFirst("nav.fr-sidemenu a[aria-current=page]").text()).isEqualTo("Créer les codes en masse");
        assertThat(page.selectFirst("nav[aria-label=\"Menu de l'établissement\"] a[aria-current=page]").text())
                .isEqualTo("Accès des responsables");
        // the filters: views, MEF and divisions built from the couples
        assertThat(page.getElementById("vue-sans-code").hasAttr("checked")).isTrue();
        assertThat(page.select("#division option").eachAttr("value")).containsExactly("", "3A", "3B");
        assertThat(page.select("#mef option").eachAttr("value")).containsExactly("", "10310019110");
        assertThat(page.selectFirst("label[for=nom]").text()).startsWith("Nom");

        // the couples, the nanny's with a disabled box and the reason in its row
        assertThat(page.select("#couples-table tbody tr")).hasSize(4);
        Element father = page.getElementById("couple-" + linkOf("10"));
        assertThat(cells(father)).containsExactly("Cocher Martin Léa / M. Martin Paul", "Martin Léa", "3A", "M. Martin Paul", "Légal 1", "");
        assertThat(father.selectFirst("input[type=checkbox]").hasAttr("disabled")).isFalse();
        assertThat(cells(page.getElementById("couple-" + linkOf("11")))).contains("Mme Martin Claire", "Légal 2");
        Element nanny = page.getElementById("couple-" + linkOf("12"));
        Element box = nanny.selectFirst("input[type=checkbox]");
        assertThat(box.hasAttr("disabled")).isTrue();
        assertThat(box.attr("aria-describedby")).isEqualTo("reason-" + linkOf("12"));
        assertThat(cells(nanny)).containsExactly("Cocher Martin Léa / Mme Durand Nounou", "Martin Léa", "3A", "Mme Durand Nounou", "Autre",
                NOT_LEGAL);
        assertThat(page.select("label[for=link-" + linkOf("10") + "]").text()).isEqualTo("Cocher Martin Léa / M. Martin Paul");
        assertThat(page.select("#couples-table thead th").eachText()).containsExactly("Cocher", "Élève", "Division", "Responsable",
                "Rang", "Observation");
        assertThat(page.select("main button").eachText()).contains("Afficher", "Créer les codes",
                "Créer les codes pour toute la sélection");
        assertThat(page.getElementById("check-all").nextElementSibling().text()).startsWith("Tout cocher");

        // filtered on a division, or on a name
        Document division = page(get(base() + "/creation").param("division", "3B").session(session));
        assertThat(division.select("#couples-table tbody tr").eachText())
                .containsExactly("Cocher Bernard Hugo / Mme Bernard Anne Bernard Hugo 3B Mme Bernard Anne Légal 1");
        assertThat(division.selectFirst("#division option[selected]").val()).isEqualTo("3B");
        Document name = page(get(base() + "/creation").param("nom", "dur").session(session));
        assertThat(name.select("#couples-table tbody tr")).hasSize(1);
        assertThat(name.getElementById("nom").val()).isEqualTo("dur");
        // an empty selection says so, in the guide's words
        Document none = page(get(base() + "/creation").param("nom", "Zorro").session(session));
        assertThat(none.getElementById("empty-selection").text()).isEqualTo("Aucun couple élève / responsable n'existe pour cette sélection.");
        assertThat(none.getElementById("couples-table")).isNull();
    }

    @Test
    void codesAreCreatedForTheTickedCouplesAndTheirLifecyclesFollowedInTheBackground() throws Exception {
        // when the head ticks the father, the mother and the nanny of 3A, then « Créer les codes »
        MvcResult posted = mvc.perform(post(base() + "/creation").session(session).with(csrf())
                        .param("linkId", String.valueOf(linkOf("10")), String.valueOf(linkOf("11")), String.valueOf(linkOf("12")))
                        .param("selection", "cochee").param("vue", "sans-code").param("division", "3A").param("mef", "").param("nom", ""))
                .andExpect(redirectedUrl(base() + "/creation?division=3A")).andReturn();
        Document page = page(get(base() + "/creation").param("division", "3A").session(session).flashAttrs(posted.getFlashMap()));

        // then two codes are created, and the nanny is named with the reason she got none
        Element result = page.getElementById("generation-result");
        assertThat(result.selectFirst("h2").text()).isEqualTo("2 codes créés");
        assertThat(result.getElementById("skipped-summary").text()).isEqualTo("1 couple n’a pas reçu de code :");
        assertThat(cells(result.getElementById("skipped-" + linkOf("12")))).containsExactly("Martin Léa", "3A", "Mme Durand Nounou", NOT_LEGAL);
        assertThat(jdbc.queryForObject("select count(*) from guardian_code where uai = ? and valid_link_id is not null", Integer.class, uai))
                .isEqualTo(2);
        // the list without valid code now holds only the nanny
        assertThat(page.select("#couples-table tbody tr")).hasSize(1);

        // and the progress bar follows the lifecycles started in the background
        Element progress = result.getElementById("lifecycles-progress");
        assertThat(progress.tagName()).isEqualTo("progress");
        assertThat(progress.attr("max")).isEqualTo("2");
        assertThat(result.selectFirst("label[for=lifecycles-progress]").text()).startsWith("Mise en place du suivi des codes");
        String url = result.getElementById("lifecycles").attr("data-url");
        assertThat(url).startsWith(base() + "/generations/");
        mvc.perform(get(url).session(session)).andExpect(status().isOk())
                .andExpect(jsonPath("$.codes").value(2)).andExpect(jsonPath("$.lifecyclesStarted").value(0))
                .andExpect(jsonPath("$.done").value(false));
        runGenerationJobs();
        mvc.perform(get(url).session(session)).andExpect(jsonPath("$.lifecyclesStarted").value(2)).andExpect(jsonPath("$.done").value(true));
        mvc.perform(get(base() + "/generations/inconnue").session(session)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message").value("Génération de codes inconnue."));

        // nothing ticked: said plainly, nothing created
        mvc.perform(post(base() + "/creation").session(session).with(csrf()).param("selection", "cochee"))
                .andExpect(redirectedUrl(base() + "/creation"))
                .andExpect(flash().attribute("error", containsString("Aucun couple n'est coché")));

        // « toute la sélection » with a name: only the couples listed get a code
        MvcResult all = mvc.perform(post(base() + "/creation").session(session).with(csrf()).param("selection", "toute")
                        .param("vue", "sans-code").param("nom", "Bernard"))
                .andExpect(redirectedUrl(base() + "/creation?nom=Bernard")).andReturn();
        Document after = page(get(base() + "/creation").param("nom", "Bernard").session(session).flashAttrs(all.getFlashMap()));
        assertThat(after.selectFirst("#generation-result h2").text()).isEqualTo("1 code créé");
        assertThat(after.getElementById("skipped")).isNull();
        assertThat(after.getElementById("empty-selection").text()).isEqualTo("Aucun couple élève / responsable n'existe pour cette sélection.");
    }

    @Test
    void theAllCodesViewAddsTheValidCodeTheNotificationAndTheContinuityColumns() throws Exception {
        mvc.perform(post(base() + "/creation").session(session).with(csrf()).param("selection", "toute").param("vue", "tous"))
                .andExpect(redirectedUrl(base() + "/creation?vue=tous"));
        LocalDate notified = LocalDate.of(2026, 9, 14);
        jdbc.update("update guardian_code set notified_on = ? where valid_link_id = ?", notified, linkOf("10"));

        Document page = page(get(base() + "/creation").param("vue", "tous").session(session));

        assertThat(page.getElementById("vue-tous").hasAttr("checked")).isTrue();
        assertThat(page.select("#couples-table thead th").eachText()).containsExactly("Cocher", "Élève", "Division", "Responsable",
                "Rang", "A un code valide", "Date de notification", "Date de continuité d'accès", "Observation");
        Element father = page.getElementById("couple-" + linkOf("10"));
        assertThat(cells(father).subList(1, 9)).containsExactly("Martin Léa", "3A", "M. Martin Paul", "Légal 1", "Oui", FRENCH.format(notified), "—",
                "Un code valide existe déjà pour ce couple : pour le remplacer, passez par Gérer le code");
        // on screen, the action alone (« A un code valide » says the rest): a link to the couple's page
        assertThat(father.selectFirst("#reason-" + linkOf("10") + " a").attr("href")).isEqualTo(base() + "/couples/" + linkOf("10"));
        assertThat(father.selectFirst("#reason-" + linkOf("10") + " .fr-sr-only")).isNotNull();
        assertThat(father.selectFirst("input[type=checkbox]").hasAttr("disabled")).isTrue();
        assertThat(cells(page.getElementById("couple-" + linkOf("12")))).containsSequence("Autre", "Non", "—", "—");
        // the default view lists only the couples without a valid code
        assertThat(page(get(base() + "/creation").session(session)).select("#couples-table tbody tr")).hasSize(1);
    }

    @Test
    void aHeadManagesTheCodesOfOneCouple() throws Exception {
        long link = linkOf("11");
        mvc.perform(post(base() + "/creation").session(session).with(csrf()).param("linkId", String.valueOf(link)).param("selection", "cochee"))
                .andExpect(status().is3xxRedirection());

        // the list of couples leads to the couple's page
        Document list = page(get(base() + "/couples").session(session));
        assertThat(list.selectFirst("h1").text()).isEqualTo("Gérer le code pour un couple");
        assertThat(list.select("#couples-table tbody tr")).hasSize(4);
        Element row = list.getElementById("couple-" + link);
        assertThat(cells(row)).containsExactly("Martin Léa", "3A", "Mme Martin Claire", "Légal 2", "Oui", "Non", "Gérer les codes");
        Element manage = row.selectFirst("a.fr-btn");
        assertThat(manage.attr("aria-label")).isEqualTo("Gérer les codes de Mme Martin Claire pour Martin Léa");
        assertThat(manage.attr("href")).isEqualTo(coupleUrl(link));
        assertThat(page(get(base() + "/couples").param("division", "3B").session(session)).select("#couples-table tbody tr")).hasSize(1);

        // the couple's page: who, the refusal state, the history with masked values
        Document couple = page(get(coupleUrl(link)).session(session));
        assertThat(couple.getElementById("couple-title").text()).isEqualTo("Mme Martin Claire / Martin Léa");
        assertThat(couple.getElementById("identity").text()).contains("Martin Léa", "3A", "Mme Martin Claire", "Légal 2");
        assertThat(couple.getElementById("refusal-state").text()).contains("Accès non refusé.");
        assertThat(couple.select("#history thead th").eachText()).containsExactly("Code", "Créé le", "Valide à partir du", "Valide",
                "Invalidé le", "Notifié le", "Date de continuité d'accès", "Utilisé", "Affiché", "Action");
        assertThat(couple.select("#history tbody tr")).hasSize(1);
        Element first = couple.selectFirst("#history tbody tr");
        long codeId = Long.parseLong(first.id().substring("code-".length()));
        assertThat(first.selectFirst("td").text()).matches("•••••-•••••-•••[2-9A-Z]{2} Code masqué se terminant par [2-9A-Z]{2}");
        assertThat(cells(first).subList(3, 10)).containsExactly("Oui", "—", "—", "—", "Non", "Jamais", "Afficher");
        assertThat(couple.select("#actions button").eachText()).containsExactly("Nouveau code", "Enlever l'accès", "Notifier code");
        assertThat(couple.selectFirst("#actions button:contains(Notifier code)").hasAttr("disabled")).isFalse();
        assertThat(couple.getElementById("actions").text()).contains("enregistrez-le avant de l'imprimer")
                .contains("coupon réponse de refus « pour moi-même » : le refus du responsable est enregistré et son code valide est invalidé.");
        assertThat(couple.html()).doesNotContainPattern(CODE_PATTERN);

        // « Afficher »: the value on the page (never in an address), and the display recorded
        String action = first.selectFirst("form").attr("action");
        assertThat(action).isEqualTo(coupleUrl(link) + "/codes/" + codeId + "/affichage");
        Document shown = page(post(action).session(session).with(csrf()));
        String value = shown.getElementById("revealed-value").text();
        assertThat(value).matches(CODE_PATTERN);
        assertThat(shown.getElementById("revealed").text()).contains("Cet affichage est enregistré");
        assertThat(shown.getElementById("code-" + codeId).selectFirst("td").text()).isEqualTo(value);
        assertThat(jdbc.queryForObject("select count(*) from code_reveal where code_id = ? and revealed_by = ?", Integer.class,
                codeId, Heads.username(uai))).isEqualTo(1);
        // the history says who was shown it, and when
        assertThat(page(get(coupleUrl(link)).session(session)).getElementById("reveals-" + codeId).text())
                .matches("\\d{2}/\\d{2}/\\d{4} à \\d{2} h \\d{2} par " + java.util.regex.Pattern.quote(Heads.username(uai)));

        // « Nouveau code » asks first, since the valid code will be invalidated
        Document confirm = page(post(coupleUrl(link) + "/nouveau-code").session(session).with(csrf()));
        assertThat(confirm.getElementById("confirm-new-code").text()).contains("Le code valide va être invalidé");
        assertThat(confirm.select("#history tbody tr")).hasSize(1);
        mvc.perform(post(coupleUrl(link) + "/nouveau-code").param("confirmation", "true").session(session).with(csrf()))
                .andExpect(redirectedUrl(coupleUrl(link)))
                .andExpect(flash().attribute("message", matchesPattern(
                        "Un nouveau code a été créé \\(.+\\) ; il est utilisable à partir du \\d{2}/\\d{2}/\\d{4}\\. L'ancien code est invalidé\\.")));
        Document renewed = page(get(coupleUrl(link)).session(session));
        assertThat(renewed.select("#history tbody tr")).hasSize(2);
        assertThat(cells(renewed.select("#history tbody tr").get(0)).get(3)).isEqualTo("Oui");
        assertThat(cells(renewed.getElementById("code-" + codeId)).get(3)).isEqualTo("Non");
        assertThat(cells(renewed.getElementById("code-" + codeId)).get(4)).endsWith("Remplacé par un nouveau code");

        // « Enlever l'accès »: the refusal is recorded and the valid code invalidated
        mvc.perform(post(coupleUrl(link) + "/refus").session(session).with(csrf()))
                .andExpect(redirectedUrl(coupleUrl(link)))
                .andExpect(flash().attribute("message", containsString("coupon réponse « pour moi-même »")));
        Document refused = page(get(coupleUrl(link)).session(session));
        assertThat(refused.getElementById("refusal-state").text()).contains("Accès refusé par le responsable.");
        // no valid code any more: nothing to notify
        assertThat(refused.select("#actions button").eachText()).containsExactly("Nouveau code", "Rétablir l'accès");
        assertThat(refused.getElementById("notify-hint").text()).contains("que pour un code valide");
        assertThat(refused.select("#history tbody tr td:nth-child(4)").eachText()).containsOnly("Non");
        assertThat(cells(refused.select("#history tbody tr").get(0)).get(4)).endsWith("Refus du responsable (coupon réponse)");
        // a new code is refused meanwhile, with the reason in an error alert
        Document error = page(post(coupleUrl(link) + "/nouveau-code").session(session).with(csrf()));
        assertThat(error.getElementById("error").text()).contains("Action refusée").contains("refusé l'accès aux téléservices");

        // « Rétablir l'accès »
        mvc.perform(post(coupleUrl(link) + "/retablissement").session(session).with(csrf()))
                .andExpect(redirectedUrl(coupleUrl(link)))
                .andExpect(flash().attribute("message", containsString("rétabli")));
        Document restored = page(get(coupleUrl(link)).session(session));
        assertThat(restored.getElementById("refusal-state").text()).contains("Accès non refusé.");
        assertThat(restored.select("#actions button").eachText()).containsExactly("Nouveau code", "Enlever l'accès");
        // without a valid code, « Nouveau code » needs no confirmation
        mvc.perform(post(coupleUrl(link) + "/nouveau-code").session(session).with(csrf())).andExpect(redirectedUrl(coupleUrl(link)));
        assertThat(page(get(coupleUrl(link)).session(session)).select("#history tbody tr")).hasSize(3);

        // a couple that is not the establishment's
        mvc.perform(get(base() + "/couples/999999999").session(session)).andExpect(status().isNotFound());
    }

    @Test
    void aHeadOfAnotherEstablishmentIsRefused() throws Exception {
        MockHttpSession other = login("chef.0990001N", "chef.0990001N");
        long link = linkOf("10");
        mvc.perform(get(base() + "/creation").session(other)).andExpect(status().isForbidden());
        mvc.perform(get(base() + "/couples").session(other)).andExpect(status().isForbidden());
        mvc.perform(get(coupleUrl(link)).session(other)).andExpect(status().isForbidden());
        mvc.perform(post(base() + "/creation").param("selection", "toute").session(other).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post(coupleUrl(link) + "/refus").session(other).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get(base() + "/generations/x").session(other)).andExpect(status().isForbidden());
        assertThat(jdbc.queryForObject("select count(*) from guardian_code where uai = ?", Integer.class, uai)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from access_refusal where uai = ?", Integer.class, uai)).isZero();
    }

    @Test
    void withoutAnOpenServiceTheCreationPageSaysWhatTheGuideSays() throws Exception {
        opening.setOpen(uai, "NOTES", false, "test");
        Document page = page(get(base() + "/creation").session(session));
        assertThat(page.getElementById("no-open-service").text())
                .contains("Ce menu n'est accessible que si l'établissement a ouvert au moins un téléservice.");
        assertThat(page.getElementById("couples-table")).isNull();
        assertThat(page.getElementById("generation-form")).isNull();
        // a forged request is refused too
        mvc.perform(post(base() + "/creation").param("selection", "toute").session(session).with(csrf()))
                .andExpect(flash().attribute("error", containsString("Aucun téléservice n'est ouvert")));
        assertThat(jdbc.queryForObject("select count(*) from guardian_code where uai = ?", Integer.class, uai)).isZero();
    }

    // ------------------------------------------------------------------ helpers

    private String base() {
        return "/etablissements/" + uai + "/responsables";
    }

    private String coupleUrl(long link) {
        return base() + "/couples/" + link;
    }

    private long linkOf(String personneId) {
        return jdbc.queryForObject("select l.id from guardian_link l join guardian g on g.id = l.guardian_id "
                + "where l.uai = ? and g.personne_id = ?", Long.class, uai, personneId);
    }

    /** Runs the generation's background jobs, as the job executor does in the running application. */
    private void runGenerationJobs() {
        ManagementService management = engine.getManagementService();
        for (int round = 0; round < 20; round++) {
            List<Job> jobs = management.createJobQuery().processDefinitionKey("code-generation").tenantIdIn(uai).executable().list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(j -> management.executeJob(j.getId()));
        }
    }

    private static List<String> cells(Element row) {
        // every cell, empty ones included (eachText() leaves them out)
        return row.select("> td, > th").stream().map(Element::text).toList();
    }

    private Document page(RequestBuilder request) throws Exception {
        String html = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return Jsoup.parse(html);
    }

    private MockHttpSession login(String user, String password) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").user(user).password(password)).andReturn().getRequest().getSession(false);
    }
}
