package fr.adminteleservices.opening;

import static fr.adminteleservices.support.Heads.academyAdmin;
import static fr.adminteleservices.support.Heads.headOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.catalogue.Catalogue;
import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentKind;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SiecleModule;
import fr.adminteleservices.establishment.Uai;
import fr.adminteleservices.security.Directory;
import fr.adminteleservices.support.Heads;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** O1–O5 through the API, on H2 and MariaDB. The demo académie offers every national service. */
abstract class ServiceOpeningContract {

    @Autowired
    MockMvc mvc;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    Directory directory;
    @Autowired
    Catalogue catalogue;

    String uai;

    @BeforeEach
    void newEstablishment() {
        uai = Heads.newEstablishmentWithHead(establishments, directory);
    }

    ResultActions setOpen(String code, boolean open) throws Exception {
        return mvc.perform(put("/api/establishments/" + uai + "/services/" + code).with(headOf(uai))
                .contentType(MediaType.APPLICATION_JSON).content("{\"open\":" + open + "}"));
    }

    void declare() throws Exception {
        mvc.perform(post("/api/establishments/" + uai + "/services/declaration").with(headOf(uai)))
                .andExpect(status().isOk());
    }

    @Test
    void nothingOpensBeforeTheEstablishmentDeclaresItUsesTheServices() throws Exception {
        setOpen("NOTES", true).andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(containsString("pas encore déclaré")));
    }

    @Test
    void aHeadOpensAndClosesAServiceAndEveryChangeIsInTheHistory() throws Exception {
        declare();
        mvc.perform(get("/api/establishments/" + uai + "/services").with(headOf(uai)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.code == 'NOTES')].offered").value(hasItem(true)))
                .andExpect(jsonPath("$[?(@.code == 'NOTES')].open").value(hasItem(false)))
                .andExpect(jsonPath("$[?(@.code == 'FICHE_RENSEIGNEMENTS')].mandatory").value(hasItem(false)));

        setOpen("NOTES", true).andExpect(status().isOk()).andExpect(jsonPath("$.open").value(true));
        mvc.perform(get("/api/establishments/" + uai + "/services").with(headOf(uai)))
                .andExpect(jsonPath("$[?(@.code == 'NOTES')].open").value(hasItem(true)));
        setOpen("NOTES", false).andExpect(status().isOk()).andExpect(jsonPath("$.open").value(false));

        mvc.perform(get("/api/establishments/" + uai + "/history").with(headOf(uai)))
                .andExpect(jsonPath("$[0].subject").value("Fermeture : Consultation des notes"))
                .andExpect(jsonPath("$[0].recordedBy").value(Heads.username(uai)))
                .andExpect(jsonPath("$[1].subject").value("Ouverture : Consultation des notes"))
                .andExpect(jsonPath("$[2].subject").value("Utilisation des téléservices"));
    }

    @Test
    void aServiceTheAcademyDoesNotOfferCannotBeOpened() throws Exception {
        String code = "ESSAI_" + uai;
        catalogue.addAcademicService("demo", code, "Service d'essai", "https://essai.example.fr", false, "test");
        catalogue.updateService("demo", code, false, false, "https://essai.example.fr", "test");
        declare();

        mvc.perform(get("/api/establishments/" + uai + "/services").with(headOf(uai)))
                .andExpect(jsonPath("$[?(@.code == '" + code + "')].offered").value(hasItem(false)));
        setOpen(code, true).andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value("Le service « Service d'essai » n'est pas ouvert dans l'académie."));
        setOpen("INCONNU", true).andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(containsString("n'existe pas")));
    }

    @Test
    void aServiceNeedsItsSiecleModule() throws Exception {
        int number = Integer.parseInt(uai.substring(0, 7)) + 500;
        String other = String.format("%07d", number) + Uai.checkLetter(number);
        establishments.register(new Establishment(other, "demo", "Collège sans Notes", EstablishmentKind.COLLEGE, null, null,
                null, null, null, List.of(), EnumSet.of(SiecleModule.BASE_ELEVES)));
        directory.createHead(Heads.username(other), Heads.password(other), "Chef", "Sans Notes", other);
        mvc.perform(post("/api/establishments/" + other + "/services/declaration").with(headOf(other))).andExpect(status().isOk());

        mvc.perform(put("/api/establishments/" + other + "/services/NOTES").with(headOf(other))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"open\":true}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(
                        "Le service « Consultation des notes » demande le module « SIECLE Notes », que l'établissement n'utilise pas."));
    }

    @Test
    void aMandatoryServiceOpensWithTheDeclarationAndCannotBeClosed() throws Exception {
        String code = "OBLIGATOIRE_" + uai;
        catalogue.addAcademicService("demo", code, "Service obligatoire", "https://obligatoire.example.fr", true, "test");
        try {
            declare();
            mvc.perform(get("/api/establishments/" + uai + "/services").with(headOf(uai)))
                    .andExpect(jsonPath("$[?(@.code == '" + code + "')].open").value(hasItem(true)))
                    .andExpect(jsonPath("$[?(@.code == '" + code + "')].mandatory").value(hasItem(true)));
            setOpen(code, false).andExpect(status().isConflict())
                    .andExpect(jsonPath("$.message").value(containsString("est obligatoire dans l'académie")));
        } finally {
            // other tests declare establishments of the same académie
            catalogue.updateService("demo", code, false, false, "https://obligatoire.example.fr", "test");
        }
    }

    @Test
    void aServiceTheAcademyMakesMandatoryOpensAtOnceWhereverItIsOfferedAndDeclared() throws Exception {
        String code = "DEVENU_OBLIGATOIRE_" + uai.substring(0, 7);
        catalogue.addAcademicService("demo", code, "Service devenu obligatoire", "https://devenu.example.fr", false, "test");
        String undeclared = Heads.newEstablishmentWithHead(establishments, directory);
        try {
            declare();
            mvc.perform(get("/api/establishments/" + uai + "/services").with(headOf(uai)))
                    .andExpect(jsonPath("$[?(@.code == '" + code + "')].open").value(hasItem(false)));

            // the académie's JSON body alone, without the fields it does not change
            mvc.perform(put("/api/academy/services/" + code).with(academyAdmin()).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"mandatory\":true}"))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.mandatory").value(true))
                    .andExpect(jsonPath("$.openInAcademy").value(true))
                    .andExpect(jsonPath("$.url").value("https://devenu.example.fr"));

            mvc.perform(get("/api/establishments/" + uai + "/services").with(headOf(uai)))
                    .andExpect(jsonPath("$[?(@.code == '" + code + "')].open").value(hasItem(true)))
                    .andExpect(jsonPath("$[?(@.code == '" + code + "')].mandatory").value(hasItem(true)));
            mvc.perform(get("/api/establishments/" + uai + "/history").with(headOf(uai)))
                    .andExpect(jsonPath("$[0].subject").value("Ouverture : Service devenu obligatoire"));
            mvc.perform(get("/api/establishments/" + undeclared + "/services").with(headOf(undeclared)))
                    .andExpect(jsonPath("$[?(@.code == '" + code + "')].open").value(hasItem(false)));
            mvc.perform(post("/api/establishments/" + undeclared + "/services/declaration").with(headOf(undeclared)))
                    .andExpect(status().isOk());
            mvc.perform(get("/api/establishments/" + undeclared + "/services").with(headOf(undeclared)))
                    .andExpect(jsonPath("$[?(@.code == '" + code + "')].open").value(hasItem(true)));
        } finally {
            catalogue.updateService("demo", code, false, false, null, "test");
        }
    }

    @Test
    void closingAServiceTheAcademyClosedKeepsTheHeadsChoiceWhenTheAcademyReopensIt() throws Exception {
        String code = "REOUVERT_" + uai.substring(0, 7);
        catalogue.addAcademicService("demo", code, "Service rouvert", "https://rouvert.example.fr", false, "test");
        try {
            declare();
            setOpen(code, true).andExpect(status().isOk()).andExpect(jsonPath("$.open").value(true));
            mvc.perform(put("/api/academy/services/" + code).with(academyAdmin()).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"open\":false}")).andExpect(status().isOk()).andExpect(jsonPath("$.openInAcademy").value(false));

            // the head closes it while the académie has it closed: the choice is saved, and said
            setOpen(code, false).andExpect(status().isOk())
                    .andExpect(jsonPath("$.open").value(false)).andExpect(jsonPath("$.offered").value(false))
                    .andExpect(jsonPath("$.chosenOpen").value(false))
                    .andExpect(jsonPath("$.reason").value("Le service « Service rouvert » n'est pas ouvert dans l'académie."));
            mvc.perform(get("/api/establishments/" + uai + "/history").with(headOf(uai)))
                    .andExpect(jsonPath("$[0].subject").value("Fermeture : Service rouvert"));

            // the académie reopens it: it stays closed here, as the head left it
            mvc.perform(put("/api/academy/services/" + code).with(academyAdmin()).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"open\":true}")).andExpect(status().isOk());
            mvc.perform(get("/api/establishments/" + uai + "/services").with(headOf(uai)))
                    .andExpect(jsonPath("$[?(@.code == '" + code + "')].offered").value(hasItem(true)))
                    .andExpect(jsonPath("$[?(@.code == '" + code + "')].open").value(hasItem(false)));

            // whereas a service left open by the head comes back open
            setOpen(code, true).andExpect(status().isOk());
            mvc.perform(put("/api/academy/services/" + code).with(academyAdmin()).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"open\":false}")).andExpect(status().isOk());
            mvc.perform(get("/api/establishments/" + uai + "/services").with(headOf(uai)))
                    .andExpect(jsonPath("$[?(@.code == '" + code + "')].open").value(hasItem(false)))
                    .andExpect(jsonPath("$[?(@.code == '" + code + "')].chosenOpen").value(hasItem(true)));
            mvc.perform(put("/api/academy/services/" + code).with(academyAdmin()).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"open\":true}")).andExpect(status().isOk());
            mvc.perform(get("/api/establishments/" + uai + "/services").with(headOf(uai)))
                    .andExpect(jsonPath("$[?(@.code == '" + code + "')].open").value(hasItem(true)));
        } finally {
            catalogue.updateService("demo", code, false, false, null, "test");
        }
    }

    @Test
    void badRequestsAndOtherEstablishmentsAreRefused() throws Exception {
        declare();
        mvc.perform(put("/api/establishments/" + uai + "/services/NOTES").with(headOf(uai))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/establishments/0990001N/services").with(headOf(uai))).andExpect(status().isForbidden());
        mvc.perform(get("/api/establishments/" + uai + "/services").with(academyAdmin())).andExpect(status().isOk());
    }
}
