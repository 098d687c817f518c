package fr.adminteleservices.settings;

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
import fr.adminteleservices.establishment.SchoolYear;
import fr.adminteleservices.establishment.SiecleModule;
import fr.adminteleservices.establishment.Uai;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.H2Test;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/** « Paramétrage » as a person uses it: forms, preview, refusals kept next to their field, confirmation (S1–S6). */
@H2Test
class SettingsScreenTest {

    static final String ACADEMY = "demo";
    static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @Autowired
    MockMvc mvc;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    SettingsService settings;
    @Autowired
    ServiceOpening opening;
    @Autowired
    Catalogue catalogue;
    @Autowired
    SiecleImportService imports;

    @Test
    void theSettingsOpenOnTheirFirstPageWithTheSideMenuAndTheDayChangesApply() throws Exception {
        String uai = newEstablishment(establishments);
        MockHttpSession session = login("academie");
        mvc.perform(get("/etablissements/" + uai + "/parametrage").session(session))
                .andExpect(redirectedUrl("/etablissements/" + uai + "/parametrage/accueil"));
        Document page = page(get("/etablissements/" + uai + "/parametrage/accueil").session(session));
        assertThat(page.select("nav.fr-sidemenu a").eachText()).containsExactly("Message d'accueil",
                "ENT et courrier de notification", "Lien de contact établissement", "Liens utiles", "Consultation des notes",
                "Consultation du LPC", "Historique des modifications");
        assertThat(page.selectFirst("nav.fr-sidemenu a[aria-current=page]").text()).isEqualTo("Message d'accueil");
        assertThat(page.text()).contains("Les modifications s'appliquent à partir du " + FRENCH.format(settings.nextEffectiveDay()));
        assertThat(page.getElementById("pending")).isNull();
        for (String slug : List.of("courrier", "contact", "liens", "notes", "lpc", "historique")) {
            assertThat(page(get("/etablissements/" + uai + "/parametrage/" + slug).session(session)).text())
                    .as(slug).contains("Les modifications s'appliquent à partir du");
        }
    }

    @Test
    void theWelcomeMessagePreviewShowsWhatParentsWillSeeWithoutScriptsThenItIsSaved() throws Exception {
        String uai = newEstablishment(establishments);
        MockHttpSession session = login("academie");
        String typed = "<div><strong onclick=\"alert('clic')\">Bienvenue</strong> au collège !<script>alert('script')</script> "
                + "<a href=\"javascript:alert('lien')\">piège</a> <a href=\"https://www.example.org/\">site</a></div>";

        // when the head previews the message
        Document preview = page(post("/etablissements/" + uai + "/parametrage/accueil").param("welcomeMessage", typed)
                .param("action", "preview").session(session).with(csrf()));

        // then the preview shows it as parents will, without script, event attribute or javascript: link
        Element shown = preview.getElementById("welcome-preview");
        assertThat(shown.selectFirst("strong").text()).isEqualTo("Bienvenue");
        assertThat(shown.text()).contains("au collège !").contains("piège").contains("site");
        assertThat(shown.select("a[href]").eachAttr("href")).containsExactly("https://www.example.org/");
        assertThat(shown.html()).doesNotContain("script").doesNotContain("onclick").doesNotContain("javascript:");
        assertThat(preview.html()).doesNotContain("alert('").doesNotContain("onclick").doesNotContain("javascript:");
        assertThat(preview.text()).contains("Il n'est pas encore enregistré.");
        // the editor holds the same message, and nothing is saved yet
        assertThat(preview.getElementById("welcomeMessage").val()).contains("<strong>Bienvenue</strong>");
        assertThat(settings.latest(uai).welcomeMessage()).isNull();

        // when it is saved
        mvc.perform(post("/etablissements/" + uai + "/parametrage/accueil").param("welcomeMessage", typed).param("action", "save")
                        .session(session).with(csrf()))
                .andExpect(redirectedUrl("/etablissements/" + uai + "/parametrage/accueil"))
                .andExpect(flash().attribute("message", containsString("Le message d'accueil est enregistré.")));

        // then the stored message is the cleaned one, and the page opens on its preview with the day it applies
        assertThat(settings.latest(uai).welcomeMessage()).contains("<strong>Bienvenue</strong>")
                .doesNotContain("script").doesNotContain("onclick").doesNotContain("javascript:");
        // (the redirect after the save carries the flash attributes, kept in the session for the next request)
        Document saved = page(get("/etablissements/" + uai + "/parametrage/accueil").session(session));
        assertThat(saved.getElementById("welcome-preview").selectFirst("strong").text()).isEqualTo("Bienvenue");
        assertThat(saved.getElementById("pending").text()).isEqualTo("Modifications enregistrées, en vigueur à partir du "
                + FRENCH.format(settings.latest(uai).effectiveFrom()) + ".");
        // a later visit, the change still to come, does not announce a save the visitor did not make (issue 16, point 11)
        Document later = page(get("/etablissements/" + uai + "/parametrage/accueil").session(session));
        assertThat(later.getElementById("pending")).isNull();
        assertThat(later.text()).doesNotContain("Modifications enregistrées");
        assertThat(page(get("/etablissements/" + uai + "/parametrage/historique").session(session))
                .select("main table tbody tr").text()).contains("Paramétrage").contains("Message d'accueil : « Bienvenue").contains("(avant : aucun)");
    }

    @Test
    void aWelcomeMessageOverOneThousandCharactersComesBackWithTheTextKeptAndAFrenchMessage() throws Exception {
        String uai = newEstablishment(establishments);
        MockHttpSession session = login("academie");
        String tooLong = "<div>" + "a".repeat(1001) + "</div>";
        Document page = page(post("/etablissements/" + uai + "/parametrage/accueil").param("welcomeMessage", tooLong)
                .param("action", "save").session(session).with(csrf()));
        assertThat(page.getElementById("welcomeMessage-error").text())
                .isEqualTo("Le message d'accueil compte 1001 caractères : 1 000 au plus.");
        assertThat(page.selectFirst(".fr-input-group--error #welcomeMessage-editor")).isNotNull();
        assertThat(page.getElementById("welcomeMessage").val()).contains("a".repeat(1001));
        assertThat(settings.latest(uai).welcomeMessage()).isNull();
    }

    @Test
    void theContactChoiceAndItsButtonAreDisabledWhenTheEstablishmentHasNoEmail() throws Exception {
        String withoutEmail = establishment(List.of());
        MockHttpSession session = login("academie");
        Document page = page(get("/etablissements/" + withoutEmail + "/parametrage/contact").session(session));
        assertThat(page.getElementById("contactEmail").hasAttr("disabled")).isTrue();
        assertThat(page.selectFirst("main form button[type=submit]").text()).isEqualTo("Valider");
        assertThat(page.selectFirst("main form button[type=submit]").hasAttr("disabled")).isTrue();
        assertThat(page.getElementById("contact-no-email").text()).contains("Aucune adresse électronique")
                .contains("la liste et le bouton « Valider » sont grisés");

        // an establishment with addresses chooses one and activates the link
        String withEmail = newEstablishment(establishments);
        Document form = page(get("/etablissements/" + withEmail + "/parametrage/contact").session(session));
        assertThat(form.getElementById("contactEmail").hasAttr("disabled")).isFalse();
        assertThat(form.select("#contactEmail option").eachAttr("value")).containsExactly("", "ce." + withEmail + "@example.com");
        mvc.perform(post("/etablissements/" + withEmail + "/parametrage/contact").param("contactEmail", "ce." + withEmail + "@example.com")
                        .param("contactActive", "true").session(session).with(csrf()))
                .andExpect(redirectedUrl("/etablissements/" + withEmail + "/parametrage/contact"));
        assertThat(settings.latest(withEmail).contactActive()).isTrue();
        assertThat(settings.latest(withEmail).contactEmail()).isEqualTo("ce." + withEmail + "@example.com");
    }

    @Test
    void usefulLinksAreAddedMovedAndSavedInOrder() throws Exception {
        String uai = newEstablishment(establishments);
        MockHttpSession session = login("academie");
        String url = "/etablissements/" + uai + "/parametrage/liens";
        // moving the second link up re-renders the list without saving
        Document moved = page(post(url).param("title", "ENT", "Cantine").param("url", "https://ent.example.org", "https://cantine.example.org")
                .param("op", "up-1").session(session).with(csrf()));
        assertThat(moved.select("input[name=title]").eachAttr("value")).containsExactly("Cantine", "ENT");
        assertThat(moved.text()).contains("Modifications non enregistrées");
        assertThat(settings.latest(uai).usefulLinks()).isEmpty();
        // a link with a wrong address is refused next to the list, with the input kept
        Document refused = page(post(url).param("title", "Cantine", "ENT").param("url", "https://cantine.example.org", "ent.example.org")
                .param("op", "save").session(session).with(csrf()));
        assertThat(refused.getElementById("usefulLinks-error").text()).contains("Lien 2 (« ENT »)").contains("http://");
        assertThat(refused.select("input[name=url]").eachAttr("value")).containsExactly("https://cantine.example.org", "ent.example.org");
        // saved as a whole list, in its order; an empty row is dropped
        mvc.perform(post(url).param("title", "Cantine", "ENT", "").param("url", "https://cantine.example.org", "https://ent.example.org", "")
                        .param("op", "save").session(session).with(csrf()))
                .andExpect(redirectedUrl(url));
        assertThat(settings.latest(uai).usefulLinks()).containsExactly(new UsefulLink("Cantine", "https://cantine.example.org"),
                new UsefulLink("ENT", "https://ent.example.org"));
    }

    @Test
    void switchingFromDueDatesToDailyPublicationAsksForConfirmationAndLosesNothingSilently() throws Exception {
        String uai = newEstablishment(establishments);
        MockHttpSession session = login("academie");
        String url = "/etablissements/" + uai + "/parametrage/notes";

        // while the Notes service is closed, the page says so and links to « Ouverture / fermeture »
        Document closed = page(get(url).session(session));
        assertThat(closed.getElementById("service-closed").text()).contains("n'est accessible que si l'établissement a ouvert");
        assertThat(closed.selectFirst("#service-closed a").attr("href")).isEqualTo("/etablissements/" + uai + "/ouverture");
        assertThat(closed.select("input[name=notesMode]")).isEmpty();

        // given the Notes service open, with two divisions
        imports.importExports(uai, Families.of(uai).student("88000001", "Martin", "Léa", "03/04/2012", "3A")
                .student("88000002", "Durand", "Hugo", "05/06/2012", "3B").exports(), "test");
        openNotes(uai);
        Document form = page(get(url).session(session));
        assertThat(form.select("#due-dates tbody th[scope=row]").eachText()).containsExactly("3A", "3B");
        assertThat(form.selectFirst("#notesMode-DAILY").hasAttr("checked")).isTrue();
        LocalDate due = dueDate();

        // when due dates are chosen
        mvc.perform(post(url).param("notesMode", "DUE_DATES").param("division", "3A", "3B").param("date", due.toString(), "")
                        .session(session).with(csrf()))
                .andExpect(redirectedUrl(url));
        assertThat(settings.latest(uai).notesPublication().mode()).isEqualTo(PublicationMode.DUE_DATES);
        Document dueDates = page(get(url).session(session));
        assertThat(dueDates.selectFirst("#notesMode-DUE_DATES").hasAttr("checked")).isTrue();
        assertThat(dueDates.select("#due-dates input[type=date]").eachAttr("value")).containsExactly(due.toString(), "");

        // when the head switches back to daily publication: a warning and a confirmation, nothing changed yet
        Document warning = page(post(url).param("notesMode", "DAILY").param("division", "3A", "3B").param("date", due.toString(), "")
                .session(session).with(csrf()));
        Element alert = warning.getElementById("confirm-loss");
        assertThat(alert.text()).contains("Toutes les dates d'échéance vont être perdues").contains("efface toutes les dates d'échéance");
        assertThat(alert.select("input[name=confirmDueDatesLoss]").val()).isEqualTo("true");
        assertThat(alert.select("button").text()).isEqualTo("Confirmer");
        assertThat(alert.selectFirst("a:contains(Annuler)").attr("href")).isEqualTo(url);
        assertThat(settings.latest(uai).notesPublication().mode()).isEqualTo(PublicationMode.DUE_DATES);
        assertThat(settings.latest(uai).notesPublication().dueDates()).extracting(DueDate::date).containsExactly(due);

        // when they confirm
        mvc.perform(post(url).param("notesMode", "DAILY").param("confirmDueDatesLoss", "true").session(session).with(csrf()))
                .andExpect(redirectedUrl(url))
                .andExpect(flash().attribute("message", containsString("au fil de l'eau")));
        assertThat(settings.latest(uai).notesPublication().mode()).isEqualTo(PublicationMode.DAILY);
        assertThat(settings.latest(uai).notesPublication().dueDates()).isEmpty();
    }

    @Test
    void theLpcDelayIsRefusedOutOfRangeWithTheInputKept() throws Exception {
        String uai = newEstablishment(establishments);
        MockHttpSession session = login("academie");
        String url = "/etablissements/" + uai + "/parametrage/lpc";
        assertThat(page(get(url).session(session)).getElementById("service-closed").text()).contains("LPC");
        CatalogueService lpc = catalogue.service(ACADEMY, NationalService.LPC.name()).orElseThrow();
        if (!lpc.openInAcademy()) {
            catalogue.updateService(ACADEMY, lpc.code(), true, lpc.mandatory(), lpc.url(), "test");
        }
        opening.declare(uai, "test");
        opening.setOpen(uai, NationalService.LPC.name(), true, "test");
        assertThat(page(get(url).session(session)).getElementById("lpcDelayDays").val()).isEqualTo("8");
        Document refused = page(post(url).param("lpcDelayDays", "1").session(session).with(csrf()));
        assertThat(refused.selectFirst("#lpcDelayDays-messages .fr-message--error").text()).isEqualTo("Le délai de publication du LPC va de 2 à 365 jours.");
        assertThat(refused.getElementById("lpcDelayDays").val()).isEqualTo("1");
        mvc.perform(post(url).param("lpcDelayDays", "15").session(session).with(csrf())).andExpect(redirectedUrl(url));
        assertThat(settings.latest(uai).lpcDelayDays()).isEqualTo(15);
    }

    @Test
    void aHeadGets403OnTheSettingsOfAnotherEstablishment() throws Exception {
        MockHttpSession session = login("chef.0990001N");
        mvc.perform(get("/etablissements/0990002P/parametrage/accueil").session(session)).andExpect(status().isForbidden());
        mvc.perform(post("/etablissements/0990002P/parametrage/accueil").param("welcomeMessage", "<div>Intrus</div>")
                .param("action", "save").session(session).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get("/etablissements/0990002P/parametrage").session(session)).andExpect(status().isForbidden());
    }

    private void openNotes(String uai) {
        CatalogueService notes = catalogue.service(ACADEMY, NationalService.NOTES.name()).orElseThrow();
        if (!notes.openInAcademy()) {
            catalogue.updateService(ACADEMY, notes.code(), true, notes.mandatory(), notes.url(), "test");
        }
        opening.declare(uai, "test");
        opening.setOpen(uai, NationalService.NOTES.name(), true, "test");
    }

    /** A day inside the current school year, at least tomorrow if possible. */
    private LocalDate dueDate() {
        SchoolYear year = establishments.currentSchoolYear(ACADEMY).orElseThrow();
        LocalDate candidate = year.startsOn().plusMonths(3);
        return candidate.isAfter(year.endsOn()) ? year.endsOn() : candidate;
    }

    private String establishment(List<String> emails) {
        int number = 997000 + (int) (System.nanoTime() % 1000);
        while (establishments.find(String.format("%07d", number) + Uai.checkLetter(number)).isPresent()) {
            number++;
        }
        String uai = String.format("%07d", number) + Uai.checkLetter(number);
        establishments.register(new Establishment(uai, ACADEMY, "Collège sans adresse " + uai, EstablishmentKind.COLLEGE,
                "1 rue de l'Essai", null, "99000", "Essai", "Mme Test", emails, EnumSet.allOf(SiecleModule.class)));
        return uai;
    }

    private Document page(RequestBuilder request) throws Exception {
        return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    // the demo users' password is their log-in (never a wrong one: Camunda would delay the next log-ins)
    private MockHttpSession login(String user) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").user(user).password(user)).andReturn().getRequest().getSession(false);
    }
}
