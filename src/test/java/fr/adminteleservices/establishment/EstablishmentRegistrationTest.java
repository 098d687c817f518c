package fr.adminteleservices.establishment;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.support.H2Test;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** An académie administrator registers an establishment and its head's log-in; bad input is explained. */
@H2Test
class EstablishmentRegistrationTest {

    @Autowired
    MockMvc mvc;

    static String uai(int number) {
        return String.format("%07d", number) + Uai.checkLetter(number);
    }

    @Test
    void theApiRegistersAnEstablishmentAndItsHeadWhoCanThenLogIn() throws Exception {
        String uai = uai(975201);
        mvc.perform(post("/api/establishments").with(httpBasic("academie", "academie"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"uai":"%s","name":"Collège Victor Hugo","kind":"COLLEGE","addressLine1":"5 place de la Mairie",
                                 "postalCode":"99300","city":"Hugoville","headName":"M. Jean Valjean",
                                 "emails":["ce.%s@example.com"],"siecleModules":["BASE_ELEVES","NOTES"]}""".formatted(uai, uai.toLowerCase())))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.uai").value(uai))
                .andExpect(jsonPath("$.siecleModules.length()").value(2));
        mvc.perform(post("/api/establishments/" + uai + "/heads").with(httpBasic("academie", "academie"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"chef." + uai + "\",\"password\":\"un-mot-de-passe-long\",\"firstName\":\"Jean\",\"lastName\":\"Valjean\"}"))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/establishments").with(httpBasic("chef." + uai, "un-mot-de-passe-long")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].uai").value(uai));
    }

    @Test
    void badInputGetsFrenchMessages() throws Exception {
        mvc.perform(post("/api/establishments").with(httpBasic("academie", "academie")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"uai\":\"0750654E\",\"name\":\"Lycée\",\"kind\":\"LYCEE\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(containsString("UAI invalide")));
        mvc.perform(post("/api/establishments").with(httpBasic("academie", "academie")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"uai\":\"123\",\"name\":\"\",\"postalCode\":\"ABC\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors").value(org.hamcrest.Matchers.hasItems(
                        "UAI invalide : sept chiffres et la lettre de contrôle qui leur correspond, par exemple 0750654D.",
                        "Le nom de l'établissement est obligatoire.",
                        "Le type d'établissement (collège ou lycée) est obligatoire.",
                        "Le code postal compte cinq chiffres.")));
        mvc.perform(post("/api/establishments").with(httpBasic("academie", "academie")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"uai\":\"0990001N\",\"name\":\"Doublon\",\"kind\":\"COLLEGE\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value("L'établissement 0990001N est déjà enregistré."));
        mvc.perform(post("/api/establishments/0990001N/heads").with(httpBasic("academie", "academie"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"chef.0990001N\",\"password\":\"un-mot-de-passe-long\",\"firstName\":\"A\",\"lastName\":\"B\"}"))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/establishments/0990001N/heads").with(httpBasic("academie", "academie"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"x y\",\"password\":\"court\",\"firstName\":\"A\",\"lastName\":\"B\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(containsString("Le mot de passe compte au moins 12 caractères.")));
    }

    @Test
    void aHeadCannotRegisterEstablishments() throws Exception {
        mvc.perform(post("/api/establishments").with(httpBasic("chef.0990001N", "chef.0990001N"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"uai\":\"" + uai(975202) + "\",\"name\":\"X\",\"kind\":\"COLLEGE\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/establishments").with(httpBasic("chef.0990001N", "chef.0990001N")))
                .andExpect(jsonPath("$.length()").value(1)).andExpect(jsonPath("$[0].uai").value("0990001N"));
    }

    @Test
    void theScreensRegisterAnEstablishmentAndItsHead() throws Exception {
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").user("academie").password("academie"))
                .andReturn().getRequest().getSession(false);
        String uai = uai(975203);
        mvc.perform(get("/academie/etablissements/nouveau").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Enregistrer un établissement")));
        mvc.perform(post("/academie/etablissements/nouveau").session(session).with(csrf())
                        .param("uai", "0750654E").param("name", "Lycée X").param("kind", "LYCEE"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("UAI invalide")));
        mvc.perform(post("/academie/etablissements/nouveau").session(session).with(csrf())
                        .param("uai", uai).param("name", "").param("kind", "LYCEE").param("postalCode", "12"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Le nom de l&#39;établissement est obligatoire.")))
                .andExpect(content().string(containsString("Le code postal compte cinq chiffres.")));
        mvc.perform(post("/academie/etablissements/nouveau").session(session).with(csrf())
                        .param("uai", uai).param("name", "Lycée Simone Veil").param("kind", "LYCEE")
                        .param("emails", "a@example.com, b@example.com").param("siecleModules", "BASE_ELEVES", "NOTES"))
                .andExpect(redirectedUrl("/etablissements/" + uai + "/chefs"));
        mvc.perform(post("/etablissements/" + uai + "/chefs").session(session).with(csrf())
                        .param("username", "chef." + uai).param("password", "encore-un-long-secret")
                        .param("firstName", "Simone").param("lastName", "Veil"))
                .andExpect(redirectedUrl("/etablissements/" + uai + "/chefs"));
        mvc.perform(get("/etablissements/" + uai + "/chefs").session(session))
                .andExpect(content().string(containsString("Simone Veil (chef." + uai + ")")));
        mvc.perform(get("/api/establishments/" + uai).with(httpBasic("chef." + uai, "encore-un-long-secret")))
                .andExpect(jsonPath("$.emails.length()").value(2))
                .andExpect(jsonPath("$.kind").value("LYCEE"));
    }
}
