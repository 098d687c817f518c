package fr.adminteleservices.catalogue;

import static fr.adminteleservices.support.Heads.academyAdmin;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.support.H2Test;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@H2Test
class CatalogueApiTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theCatalogueListsTheFiveNationalServicesAndTheAcademicOnes() throws Exception {
        mvc.perform(get("/api/academy/catalogue").with(httpBasic("chef.0990001N", "chef.0990001N")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.services[0].code").value("NOTES"))
                .andExpect(jsonPath("$.services[4].code").value("FICHE_RENSEIGNEMENTS"))
                .andExpect(jsonPath("$.services[4].siecleModule").value("BASE_ELEVES"))
                .andExpect(jsonPath("$.services[*].code").value(hasItem("CAHIER_TEXTES")))
                .andExpect(jsonPath("$.ents[0].url").value("https://ent.ac-demo.example.fr"));
    }

    @Test
    void onlyAcademyAdministratorsChangeItAndBadInputIsExplained() throws Exception {
        mvc.perform(post("/api/academy/services").with(httpBasic("chef.0990001N", "chef.0990001N"))
                .contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/academy/services").with(academyAdmin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"vie scolaire\",\"label\":\"Vie scolaire\",\"url\":\"https://vs.example.fr\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("lettres majuscules")));
        mvc.perform(post("/api/academy/services").with(academyAdmin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"VIE_SCOLAIRE\",\"label\":\"Vie scolaire\",\"url\":\"https://vs.example.fr\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.openInAcademy").value(true));
        mvc.perform(put("/api/academy/services/VIE_SCOLAIRE").with(academyAdmin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"open\":false,\"mandatory\":true,\"url\":\"https://vs.example.fr\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("Le service « Vie scolaire » ne peut être obligatoire que s'il est ouvert dans l'académie."));
        mvc.perform(post("/api/academy/ents").with(academyAdmin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"ENT\",\"url\":\"javascript:alert(1)\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("L'adresse de l'ENT doit commencer par http:// ou https://."));
    }
}
