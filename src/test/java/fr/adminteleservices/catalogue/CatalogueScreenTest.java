package fr.adminteleservices.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.support.H2Test;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/** « Catalogue des téléservices »: for académie administrators only; refusals keep what was typed. */
@H2Test
class CatalogueScreenTest {

    static final String ACADEMY = "demo";

    @Autowired
    MockMvc mvc;
    @Autowired
    Catalogue catalogue;

    @Test
    void theCatalogueIsRefusedToAHeadOfEstablishment() throws Exception {
        MockHttpSession session = login("chef.0990001N");
        mvc.perform(get("/academie/catalogue").session(session)).andExpect(status().isForbidden());
        mvc.perform(post("/academie/catalogue/ents").param("name", "ENT pirate").param("url", "https://pirate.example.org")
                .session(session).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/academie/catalogue/services/NOTES").param("open", "false").session(session).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(catalogue.ents(ACADEMY)).extracting(Ent::name).doesNotContain("ENT pirate");
    }

    @Test
    void theAcademyAdministratorSeesTheCatalogueFromTheAcademyHome() throws Exception {
        MockHttpSession session = login("academie");
        Document home = page(get("/").session(session));
        assertThat(home.selectFirst("main a:contains(Catalogue des téléservices)").attr("href")).isEqualTo("/academie/catalogue");

        Document page = page(get("/academie/catalogue").session(session));
        assertThat(page.selectFirst("h1").text()).isEqualTo("Catalogue des téléservices");
        for (CatalogueService s : catalogue.services(ACADEMY)) {
            Element row = page.getElementById("row-" + s.code());
            assertThat(row.selectFirst("th").text()).contains(s.label());
            assertThat(row.getElementById("open-" + s.code()).hasAttr("checked")).isEqualTo(s.openInAcademy());
            assertThat(row.getElementById("mandatory-" + s.code()).hasAttr("checked")).isEqualTo(s.mandatory());
            assertThat(page.select("form#service-" + s.code() + " button").text()).isEqualTo("Enregistrer");
        }
        assertThat(page.select("form#new-service input[name]:not([type=hidden])").eachAttr("name")).containsExactly("code", "label", "url", "mandatory");
        assertThat(page.select("form#new-ent input[name]:not([type=hidden])").eachAttr("name")).containsExactly("name", "url");
        assertThat(page.getElementById("teleservices-url-input")).isNotNull();
        assertThat(page.text()).contains("Modifications récentes de l'académie");
    }

    @Test
    void aRefusedChangeShowsTheReasonAndKeepsWhatWasTyped() throws Exception {
        MockHttpSession session = login("academie");
        List<Ent> before = catalogue.ents(ACADEMY);

        Document ent = page(post("/academie/catalogue/ents").param("name", "ENT d'essai").param("url", "ftp://ent.example.org")
                .session(session).with(csrf()));
        assertThat(ent.selectFirst("main .fr-alert--error").text()).contains("L'adresse de l'ENT doit commencer par http:// ou https://.");
        assertThat(ent.getElementById("new-ent-error").text()).isEqualTo("L'adresse de l'ENT doit commencer par http:// ou https://.");
        assertThat(ent.getElementById("new-ent-name").val()).isEqualTo("ENT d'essai");
        assertThat(ent.getElementById("new-ent-url").val()).isEqualTo("ftp://ent.example.org");
        assertThat(catalogue.ents(ACADEMY)).isEqualTo(before);

        Document service = page(post("/academie/catalogue/services").param("code", "cahier textes").param("label", "Cahier de textes")
                .param("url", "https://cdt.example.org").param("mandatory", "true").session(session).with(csrf()));
        assertThat(service.getElementById("new-service-error").text()).contains("Le code d'un service académique");
        assertThat(service.getElementById("new-service-code").val()).isEqualTo("cahier textes");
        assertThat(service.getElementById("new-service-label").val()).isEqualTo("Cahier de textes");
        assertThat(service.getElementById("new-service-mandatory").hasAttr("checked")).isTrue();

        // mandatory but closed: refused, the row shows what was typed
        CatalogueService teleinscription = catalogue.service(ACADEMY, "TELEINSCRIPTION").orElseThrow();
        Document row = page(post("/academie/catalogue/services/TELEINSCRIPTION").param("mandatory", "true")
                .param("url", "https://ti.example.org").session(session).with(csrf()));
        assertThat(row.getElementById("error-TELEINSCRIPTION").text()).contains("ne peut être obligatoire que s'il est ouvert");
        assertThat(row.getElementById("open-TELEINSCRIPTION").hasAttr("checked")).isFalse();
        assertThat(row.getElementById("mandatory-TELEINSCRIPTION").hasAttr("checked")).isTrue();
        assertThat(row.getElementById("url-TELEINSCRIPTION").val()).isEqualTo("https://ti.example.org");
        assertThat(catalogue.service(ACADEMY, "TELEINSCRIPTION").orElseThrow()).isEqualTo(teleinscription);
    }

    private Document page(RequestBuilder request) throws Exception {
        return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    // the demo users' password is their log-in (never a wrong one: Camunda would delay the next log-ins)
    private MockHttpSession login(String user) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").user(user).password(user)).andReturn().getRequest().getSession(false);
    }
}
