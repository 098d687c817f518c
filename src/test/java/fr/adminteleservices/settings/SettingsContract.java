package fr.adminteleservices.settings;

import static fr.adminteleservices.support.Heads.headOf;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.catalogue.Catalogue;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.security.Directory;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.support.Families;
import fr.adminteleservices.support.Heads;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** S1–S6 and R2 through the API, on H2 and MariaDB. */
abstract class SettingsContract {

    @Autowired
    MockMvc mvc;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    Directory directory;
    @Autowired
    ServiceOpening opening;
    @Autowired
    Catalogue catalogue;
    @Autowired
    SiecleImportService imports;
    @Autowired
    Clock clock;

    String uai;
    LocalDate today;
    SchoolYear year;

    @BeforeEach
    void newEstablishment() {
        uai = Heads.newEstablishmentWithHead(establishments, directory);
        opening.declare(uai, "test");
        today = LocalDate.now(clock);
        year = establishments.currentSchoolYear("demo").orElseThrow();
    }

    ResultActions change(String json) throws Exception {
        return mvc.perform(put("/api/establishments/" + uai + "/settings").with(headOf(uai))
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    ResultActions settings(String query) throws Exception {
        return mvc.perform(get("/api/establishments/" + uai + "/settings" + query).with(headOf(uai)));
    }

    @Test
    void beforeAnyChangeTheGuideDefaultsApply() throws Exception {
        settings("").andExpect(status().isOk())
                .andExpect(jsonPath("$.letterType").value("TELESERVICES"))
                .andExpect(jsonPath("$.contactActive").value(false))
                .andExpect(jsonPath("$.usefulLinks.length()").value(0))
                .andExpect(jsonPath("$.notesPublication.mode").value("DAILY"))
                .andExpect(jsonPath("$.lpcDelayDays").value(8))
                .andExpect(jsonPath("$.effectiveFrom").value(nullValue()));
    }

    @Test
    void aChangeAppliesFromTheNextDayAndOnlyTheFieldsSentChange() throws Exception {
        change("""
                {"welcomeMessage":"<p onclick=\\"alert(1)\\">Bienvenue <strong>à tous</strong> ! <a href=\\"https://college.example.fr\\">Site</a> <a href=\\"javascript:alert(2)\\">piège</a></p><script>alert(3)</script>",
                 "usefulLinks":[{"title":"Cantine","url":"https://cantine.example.fr"},{"title":"ENT","url":"http://ent.example.fr"}]}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.effectiveFrom").value(today.plusDays(1).toString()))
                .andExpect(jsonPath("$.welcomeMessage").value(allOf(containsString("<strong>à tous</strong>"),
                        containsString("href=\"https://college.example.fr\""), not(containsString("script")),
                        not(containsString("onclick")), not(containsString("javascript")))))
                .andExpect(jsonPath("$.usefulLinks[0].title").value("Cantine"))
                .andExpect(jsonPath("$.usefulLinks[1].title").value("ENT"));
        change("{\"contactEmail\":\"ce." + uai + "@example.com\",\"contactActive\":true}").andExpect(status().isOk())
                .andExpect(jsonPath("$.usefulLinks.length()").value(2))
                .andExpect(jsonPath("$.welcomeMessage").value(containsString("à tous")));

        // in force today: still the defaults; from tomorrow: both changes, in one version
        settings("?on=" + today).andExpect(jsonPath("$.welcomeMessage").value(nullValue()))
                .andExpect(jsonPath("$.contactActive").value(false));
        settings("?on=" + today.plusDays(1)).andExpect(jsonPath("$.contactActive").value(true))
                .andExpect(jsonPath("$.usefulLinks[1].url").value("http://ent.example.fr"));
        mvc.perform(get("/api/establishments/" + uai + "/history").with(headOf(uai)))
                .andExpect(jsonPath("$[0].detail").value("Lien de contact : actif, adresse ce." + uai + "@example.com (avant : non actif)"))
                .andExpect(jsonPath("$[0].effectiveFrom").value(today.plusDays(1).toString()));
    }

    @Test
    void invalidValuesGetAMessagePerFieldAndChangeNothing() throws Exception {
        opening.setOpen(uai, "LPC", true, "test");
        change("{\"welcomeMessage\":\"Bonjour\"}").andExpect(status().isOk());

        change("""
                {"welcomeMessage":"%s","usefulLinks":[{"title":"FTP","url":"ftp://fichiers.example.fr"}],
                 "contactEmail":"quelquun@ailleurs.fr","lpcDelayDays":1,"letterType":"MIXED"}""".formatted("é".repeat(1001)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.welcomeMessage").value("Le message d'accueil compte 1001 caractères : 1 000 au plus."))
                .andExpect(jsonPath("$.errors.usefulLinks").value("Lien 1 (« FTP ») : l'adresse doit commencer par http:// ou https://."))
                .andExpect(jsonPath("$.errors.contactEmail").value("Choisissez une des adresses électroniques de l'établissement."))
                .andExpect(jsonPath("$.errors.lpcDelayDays").value("Le délai de publication du LPC va de 2 à 365 jours."))
                .andExpect(jsonPath("$.errors.entId").value("Choisissez l'ENT de l'établissement parmi ceux de l'académie."));

        settings("").andExpect(jsonPath("$.welcomeMessage").value("Bonjour"))
                .andExpect(jsonPath("$.usefulLinks.length()").value(0))
                .andExpect(jsonPath("$.letterType").value("TELESERVICES"))
                .andExpect(jsonPath("$.lpcDelayDays").value(8));
        change("{\"lpcDelayDays\":365}").andExpect(status().isOk()).andExpect(jsonPath("$.lpcDelayDays").value(365));
        change("{\"letterType\":\"SOMETHING\"}").andExpect(status().isBadRequest());
    }

    @Test
    void theLetterTypeNeedsAnEntOfTheAcademy() throws Exception {
        long ent = catalogue.ents("demo").get(0).id();
        change("{\"letterType\":\"ENT_ONLY\",\"entId\":999999}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.entId").value("Cet ENT n'est pas défini par l'académie."));
        change("{\"letterType\":\"MIXED\",\"entId\":" + ent + "}").andExpect(status().isOk())
                .andExpect(jsonPath("$.letterType").value("MIXED")).andExpect(jsonPath("$.entId").value(ent));
        change("{\"letterType\":\"TELESERVICES\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.entId").value(nullValue()));
    }

    @Test
    void gradesAndLpcSettingsNeedTheirServiceOpen() throws Exception {
        change("{\"notesPublication\":{\"mode\":\"DUE_DATES\",\"dueDates\":[]}}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(containsString("téléservice Notes est ouvert")));
        change("{\"lpcDelayDays\":10}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(containsString("téléservice LPC est ouvert")));
    }

    @Test
    void dueDatesArePerDivisionWithinTheSchoolYearAndAreLostOnlyWhenConfirmed() throws Exception {
        imports.importExports(uai, Families.of(uai).student("1", "Martin", "Léa", "03/04/2012", "3A")
                .student("2", "Bernard", "Hugo", "05/06/2012", "3B").exports(), "test");
        opening.setOpen(uai, "NOTES", true, "test");
        LocalDate due = year.startsOn().plusMonths(3);

        change("""
                {"notesPublication":{"mode":"DUE_DATES","dueDates":[{"division":"3A","date":"%s"},{"division":"3Z","date":"%s"}]}}"""
                .formatted(due, due)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.notesPublication").value("La division « 3Z » n'existe pas dans l'établissement."));
        change("""
                {"notesPublication":{"mode":"DUE_DATES","dueDates":[{"division":"3A","date":"%s"}]}}"""
                .formatted(year.endsOn().plusDays(1))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.notesPublication").value(containsString("doit être dans l'année scolaire")));
        change("""
                {"notesPublication":{"mode":"DUE_DATES","dueDates":[{"division":"3A","date":"%s"},{"division":"3B","date":"%s"}]}}"""
                .formatted(due, due.plusDays(7))).andExpect(status().isOk())
                .andExpect(jsonPath("$.notesPublication.mode").value("DUE_DATES"))
                .andExpect(jsonPath("$.notesPublication.dueDates.length()").value(2))
                .andExpect(jsonPath("$.notesPublication.dueDates[1].division").value("3B"))
                .andExpect(jsonPath("$.notesPublication.dueDates[1].date").value(due.plusDays(7).toString()));

        change("{\"notesPublication\":{\"mode\":\"DAILY\"}}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(containsString("efface toutes les dates d'échéance saisies (2)")))
                .andExpect(jsonPath("$.confirmWith").value("confirmDueDatesLoss"));
        settings("").andExpect(jsonPath("$.notesPublication.dueDates.length()").value(2));

        change("{\"notesPublication\":{\"mode\":\"DAILY\"},\"confirmDueDatesLoss\":true}").andExpect(status().isOk())
                .andExpect(jsonPath("$.notesPublication.mode").value("DAILY"))
                .andExpect(jsonPath("$.notesPublication.dueDates.length()").value(0));
    }
}
