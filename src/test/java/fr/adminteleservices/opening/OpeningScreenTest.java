package fr.adminteleservices.opening;

import static fr.adminteleservices.support.SiecleFixtures.newEstablishment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.catalogue.Catalogue;
import fr.adminteleservices.catalogue.CatalogueService;
import fr.adminteleservices.catalogue.NationalService;
import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentKind;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SiecleModule;
import fr.adminteleservices.establishment.Uai;
import fr.adminteleservices.support.H2Test;
import java.util.EnumSet;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** « Ouverture / fermeture » and the establishment's home page as a person uses them (O1, O2, O3, O5). */
@H2Test
class OpeningScreenTest {

    static final String ACADEMY = "demo";

    @Autowired
    MockMvc mvc;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    ServiceOpening opening;
    @Autowired
    Catalogue catalogue;

    @Test
    void untilItDeclaresTheEstablishmentLandsOnTheWelcomePageThenSeesItsServices() throws Exception {
        String uai = newEstablishment(establishments);
        MockHttpSession session = login("academie");

        // O1: the home page leads to the welcome page with its single choice
        mvc.perform(get("/etablissements/" + uai).session(session)).andExpect(redirectedUrl("/etablissements/" + uai + "/ouverture"));
        Document welcome = page(get("/etablissements/" + uai + "/ouverture").session(session));
        assertThat(welcome.selectFirst("h1").text()).isEqualTo("Bienvenue dans Administration Téléservices");
        Element declare = welcome.selectFirst("main form[action=\"/etablissements/" + uai + "/ouverture/declaration\"]");
        assertThat(declare).isNotNull();
        assertThat(declare.select("button").text()).isEqualTo("Utiliser les téléservices");

        // when the establishment declares it uses the téléservices
        mvc.perform(post("/etablissements/" + uai + "/ouverture/declaration").session(session).with(csrf()))
                .andExpect(redirectedUrl("/etablissements/" + uai + "/ouverture"))
                .andExpect(flash().attribute("message", containsString("utilise désormais les téléservices")));

        // then « Ouverture / fermeture » lists every service of the catalogue with its state
        assertThat(opening.declaredAt(uai)).isPresent();
        Document services = page(get("/etablissements/" + uai + "/ouverture").session(session));
        assertThat(services.selectFirst("h1").text()).isEqualTo("Ouverture / fermeture");
        List<ServiceState> states = opening.states(uai);
        assertThat(services.select("main table tbody tr")).hasSize(states.size());
        for (ServiceState s : states) {
            Element row = services.getElementById("service-" + s.code());
            assertThat(row.selectFirst("th").text()).isEqualTo(s.label());
            assertThat(row.text()).contains(s.open() ? "Ouvert" : "Fermé");
        }

        // O3: the home page shows the same states, read-only (no button, no form)
        Document home = page(get("/etablissements/" + uai).session(session));
        assertThat(home.selectFirst("h1").text()).isEqualTo("Accueil");
        Element table = home.selectFirst("main table:has(caption:contains(État des téléservices))");
        assertThat(table.select("tbody tr")).hasSize(states.size());
        assertThat(table.select("button, form, input")).isEmpty();
        assertThat(home.text()).doesNotContain("L'ouverture et la fermeture des téléservices, leur paramétrage");
    }

    @Test
    void aServiceOpensAndClosesKeepingItsSettingsAndOneNotOfferedIsRefusedWithItsReason() throws Exception {
        // given the absences open (and not mandatory) in the académie, and an establishment without SIECLE Notes
        CatalogueService absences = catalogue.service(ACADEMY, NationalService.ABSENCES.name()).orElseThrow();
        if (!absences.openInAcademy() || absences.mandatory()) {
            catalogue.updateService(ACADEMY, absences.code(), true, false, absences.url(), "test");
        }
        String uai = establishmentWithModules(EnumSet.of(SiecleModule.BASE_ELEVES, SiecleModule.ABSENCES));
        opening.declare(uai, "test");
        MockHttpSession session = login("academie");
        String notesReason = state(uai, "NOTES").reason();
        assertThat(notesReason).isNotBlank();

        // the service not offered shows its reason and no active button
        Document before = page(get("/etablissements/" + uai + "/ouverture").session(session));
        Element notesRow = before.getElementById("service-NOTES");
        assertThat(notesRow.text()).contains(notesReason).contains("Fermé");
        assertThat(notesRow.select("button:not([disabled])")).isEmpty();
        assertThat(notesRow.select("form")).isEmpty();

        // when it is opened anyway (a forged request): refused with the reason, in an error alert
        Document refused = page(post("/etablissements/" + uai + "/ouverture/NOTES").param("open", "true").session(session).with(csrf()));
        assertThat(refused.selectFirst("main .fr-alert--error").text()).contains("Changement refusé").contains(notesReason);
        assertThat(state(uai, "NOTES").open()).isFalse();

        // when the absences are opened
        mvc.perform(post("/etablissements/" + uai + "/ouverture/ABSENCES").param("open", "true").session(session).with(csrf()))
                .andExpect(redirectedUrl("/etablissements/" + uai + "/ouverture"))
                .andExpect(flash().attribute("message", containsString("« Consultation des absences » est ouvert")));
        assertThat(state(uai, "ABSENCES").open()).isTrue();
        Element absencesRow = page(get("/etablissements/" + uai + "/ouverture").session(session)).getElementById("service-ABSENCES");
        assertThat(absencesRow.select(".fr-badge").text()).contains("Ouvert");
        assertThat(absencesRow.select("button").text()).isEqualTo("Fermer");
        Element homeRow = page(get("/etablissements/" + uai).session(session))
                .selectFirst("main table tr:has(th:contains(Consultation des absences))");
        assertThat(homeRow.select(".fr-badge").text()).contains("Ouvert");

        // when they are closed: the message says the settings are kept (O5)
        mvc.perform(post("/etablissements/" + uai + "/ouverture/ABSENCES").param("open", "false").session(session).with(csrf()))
                .andExpect(redirectedUrl("/etablissements/" + uai + "/ouverture"))
                .andExpect(flash().attribute("message", containsString("Son paramétrage est conservé")));
        assertThat(state(uai, "ABSENCES").open()).isFalse();
    }

    @Test
    void closingAServiceTheAcademyClosedIsSavedAndSaysWhatHappensAtItsReopening() throws Exception {
        // given an academic service the establishment opened, then closed by the académie
        String code = "FERME_ACADEMIE_" + System.nanoTime() % 1_000_000;
        catalogue.addAcademicService(ACADEMY, code, "Service fermé par l'académie", "https://ferme.example.fr", false, "test");
        try {
            String uai = establishmentWithModules(EnumSet.of(SiecleModule.BASE_ELEVES));
            opening.declare(uai, "test");
            opening.setOpen(uai, code, true, "test");
            catalogue.updateService(ACADEMY, code, false, null, null, "test");
            MockHttpSession session = login("academie");

            // the row says the service is closed by the académie and will reopen here, and offers not to
            Element row = page(get("/etablissements/" + uai + "/ouverture").session(session)).getElementById("service-" + code);
            assertThat(row.select(".fr-badge").text()).contains("Fermé");
            assertThat(row.getElementById("choice-" + code).text())
                    .isEqualTo("Ouvert par l'établissement : il rouvrira de lui-même quand l'académie le rouvrira.");
            assertThat(row.select("form button").text()).isEqualTo("Ne pas rouvrir");

            // when the head chooses so: saved, and the message says what happens
            mvc.perform(post("/etablissements/" + uai + "/ouverture/" + code).param("open", "false").session(session).with(csrf()))
                    .andExpect(redirectedUrl("/etablissements/" + uai + "/ouverture"))
                    .andExpect(flash().attribute("message", containsString("fermé par l'académie ; votre choix est enregistré : "
                            + "il restera fermé dans l'établissement quand l'académie le rouvrira")));
            Element after = page(get("/etablissements/" + uai + "/ouverture").session(session)).getElementById("service-" + code);
            assertThat(after.getElementById("choice-" + code)).isNull();
            assertThat(after.select("form")).isEmpty();
            catalogue.updateService(ACADEMY, code, true, null, null, "test");
            assertThat(state(uai, code).open()).isFalse();
        } finally {
            catalogue.updateService(ACADEMY, code, false, false, null, "test");
        }
    }

    @Test
    void aHeadCannotOpenTheServicesOfAnotherEstablishment() throws Exception {
        MockHttpSession session = login("chef.0990001N");
        mvc.perform(get("/etablissements/0990002P/ouverture").session(session)).andExpect(status().isForbidden());
        mvc.perform(post("/etablissements/0990002P/ouverture/declaration").session(session).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/etablissements/0990002P/ouverture/ABSENCES").param("open", "true").session(session).with(csrf()))
                .andExpect(status().isForbidden());
    }

    private ServiceState state(String uai, String code) {
        return opening.states(uai).stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow();
    }

    private String establishmentWithModules(EnumSet<SiecleModule> modules) {
        int number = 996000 + (int) (System.nanoTime() % 1000);
        while (establishments.find(String.format("%07d", number) + Uai.checkLetter(number)).isPresent()) {
            number++;
        }
        String uai = String.format("%07d", number) + Uai.checkLetter(number);
        establishments.register(new Establishment(uai, ACADEMY, "Collège sans notes " + uai, EstablishmentKind.COLLEGE,
                "1 rue de l'Essai", null, "99000", "Essai", "Mme Test", List.of("ce." + uai + "@example.com"), modules));
        return uai;
    }

    private Document page(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        String html = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return Jsoup.parse(html);
    }

    // the demo users' password is their log-in (never a wrong one: Camunda would delay the next log-ins)
    private MockHttpSession login(String user) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").user(user).password(user)).andReturn().getRequest().getSession(false);
    }
}
