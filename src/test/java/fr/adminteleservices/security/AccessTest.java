package fr.adminteleservices.security;

import static fr.adminteleservices.support.SiecleFixtures.*;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.support.H2Test;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Log-in, roles and the scoping of every screen and API call to the user's establishment. */
@H2Test
class AccessTest {

    static final String COLLEGE = "0990001N";
    static final String LYCEE = "0990002P";

    @Autowired
    MockMvc mvc;
    @Autowired
    fr.adminteleservices.establishment.EstablishmentService establishments;
    @LocalServerPort
    int port;

    @Test
    void theLoginPageIsInFrench() throws Exception {
        mvc.perform(MockMvcRequestBuilders.get("/login")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Se connecter à Admin Téléservices")))
                .andExpect(content().string(containsString("<html lang=\"fr\"")));
        mvc.perform(MockMvcRequestBuilders.get("/etablissements/" + COLLEGE).accept(org.springframework.http.MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("http://localhost/login"));
    }

    @Test
    void theLogInLeadsBackToThePageAskedFor() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(MockMvcRequestBuilders.get("/etablissements/" + COLLEGE + "/statistiques").session(session)
                .accept(org.springframework.http.MediaType.TEXT_HTML)).andExpect(redirectedUrl("http://localhost/login"));
        mvc.perform(post("/login").session(session).param("username", "chef." + COLLEGE).param("password", "chef." + COLLEGE)
                        .with(csrf()))
                .andExpect(redirectedUrl("http://localhost/etablissements/" + COLLEGE + "/statistiques?continue"));
    }

    @Test
    void aHeadLandsOnTheirEstablishmentWithTheGuideMenu() throws Exception {
        MockHttpSession session = login("chef." + COLLEGE);
        mvc.perform(MockMvcRequestBuilders.get("/").session(session)).andExpect(redirectedUrl("/etablissements/" + COLLEGE));
        mvc.perform(MockMvcRequestBuilders.get("/etablissements/" + COLLEGE).session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Ouverture / fermeture")))
                .andExpect(content().string(containsString("Paramétrage")))
                .andExpect(content().string(containsString("Accès des responsables")))
                .andExpect(content().string(containsString("Accès des élèves")))
                .andExpect(content().string(containsString("Statistiques")))
                .andExpect(content().string(containsString("Téléinscription")))
                .andExpect(content().string(not(containsString("à venir"))));
        mvc.perform(MockMvcRequestBuilders.get("/etablissements/" + COLLEGE + "/statistiques").session(session))
                .andExpect(redirectedUrl("/etablissements/" + COLLEGE + "/statistiques/codes-eleves"));
        mvc.perform(MockMvcRequestBuilders.get("/etablissements/" + COLLEGE + "/eleves").param("division", "3A").session(session))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Responsable légal 1")));
    }

    @Test
    void aHeadGets403OnAnotherEstablishmentByUrlAndByApi() throws Exception {
        MockHttpSession session = login("chef." + COLLEGE);
        mvc.perform(MockMvcRequestBuilders.get("/etablissements/" + LYCEE).session(session)).andExpect(status().isForbidden());
        mvc.perform(MockMvcRequestBuilders.get("/etablissements/" + LYCEE + "/eleves").param("division", "2A").session(session))
                .andExpect(status().isForbidden());
        mvc.perform(MockMvcRequestBuilders.get("/api/establishments/" + LYCEE + "/students").with(httpBasic("chef." + COLLEGE, "chef." + COLLEGE)))
                .andExpect(status().isForbidden());
        mvc.perform(multipart("/api/establishments/" + LYCEE + "/siecle-imports")
                        .file(new MockMultipartFile("files", "ElevesSansAdresses.xml", "text/xml", new byte[] {1}))
                        .with(httpBasic("chef." + COLLEGE, "chef." + COLLEGE)))
                .andExpect(status().isForbidden());
    }

    @Test
    void theStudentsApiListsTheEstablishmentsStudents() throws Exception {
        mvc.perform(MockMvcRequestBuilders.get("/api/establishments/" + COLLEGE + "/students").with(httpBasic("chef." + COLLEGE, "chef." + COLLEGE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(org.hamcrest.Matchers.greaterThanOrEqualTo(420)))
                .andExpect(jsonPath("$[0].eleveId").exists())
                .andExpect(jsonPath("$[0].birthDate").value(org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d{2}-\\d{2}")))
                .andExpect(jsonPath("$[0].division").exists())
                .andExpect(jsonPath("$[0].mef").exists())
                .andExpect(jsonPath("$[0].leftOn").hasJsonPath());
        mvc.perform(MockMvcRequestBuilders.get("/api/establishments/" + COLLEGE + "/students")).andExpect(status().isUnauthorized());
        mvc.perform(MockMvcRequestBuilders.get("/api/establishments/" + COLLEGE + "/students").with(httpBasic("inconnu", "faux")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void theImportApiAnswers400WithAFrenchMessageForAnotherEstablishmentsFile() throws Exception {
        String xml = eleves(LYCEE, eleve("1", "Martin", "Léa", "03/04/2012", ""), division("1", "3A"));
        mvc.perform(multipart("/api/establishments/" + COLLEGE + "/siecle-imports")
                        .file(new MockMultipartFile("files", "ElevesSansAdresses.xml", "text/xml", xml.getBytes(LATIN9)))
                        .with(httpBasic("chef." + COLLEGE, "chef." + COLLEGE)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(containsString("est l'export de l'établissement " + LYCEE)));
    }

    @Test
    void theImportApiAnswersWithTheReport() throws Exception {
        String uai = newEstablishment(establishments);
        String xml = eleves(uai, eleve("77000001", "Nouveau", "Élève", "03/04/2012", "")
                + eleve("77000002", "Sans", "Date", "", ""), division("77000001", "3A"));
        mvc.perform(multipart("/api/establishments/" + uai + "/siecle-imports")
                        .file(new MockMultipartFile("files", "ElevesSansAdresses.xml", "text/xml", xml.getBytes(LATIN9)))
                        .with(httpBasic("academie", "academie")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.students.created").value(1))
                .andExpect(jsonPath("$.students.updated").value(0))
                .andExpect(jsonPath("$.students.left").value(0))
                .andExpect(jsonPath("$.guardians.created").value(0))
                .andExpect(jsonPath("$.links.created").value(0))
                .andExpect(jsonPath("$.rejected[0].file").value("ElevesSansAdresses.xml"))
                .andExpect(jsonPath("$.rejected[0].record").value("ELEVE_ID 77000002"))
                .andExpect(jsonPath("$.rejected[0].reason").value(containsString("Date de naissance absente")));
        mvc.perform(MockMvcRequestBuilders.get("/api/establishments/" + uai + "/students").with(httpBasic("academie", "academie")))
                .andExpect(jsonPath("$[0].eleveId").value("77000001"))
                .andExpect(jsonPath("$[0].lastName").value("Nouveau"))
                .andExpect(jsonPath("$[0].firstName").value("Élève"))
                .andExpect(jsonPath("$[0].birthDate").value("2012-04-03"))
                .andExpect(jsonPath("$[0].division").value("3A"))
                .andExpect(jsonPath("$[0].mef").value("10310019110"))
                .andExpect(jsonPath("$[0].leftOn").isEmpty());
    }

    @Test
    void theAcademyAdministratorSeesEveryEstablishment() throws Exception {
        MockHttpSession session = login("academie");
        mvc.perform(MockMvcRequestBuilders.get("/").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString(COLLEGE))).andExpect(content().string(containsString(LYCEE)));
        // the lycée has not declared that it uses the téléservices yet: its first screen is that choice (O1)
        mvc.perform(MockMvcRequestBuilders.get("/etablissements/" + LYCEE).session(session))
                .andExpect(redirectedUrl("/etablissements/" + LYCEE + "/ouverture"));
        mvc.perform(MockMvcRequestBuilders.get("/etablissements/" + COLLEGE).session(session)).andExpect(status().isOk());
        mvc.perform(MockMvcRequestBuilders.get("/etablissements/0750654D").session(session)).andExpect(status().isNotFound());
        mvc.perform(MockMvcRequestBuilders.get("/api/establishments/0750654D/students").with(httpBasic("academie", "academie")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message").value("Établissement inconnu : 0750654D"));
    }

    @Test
    void theEngineRestApiNeedsAuthenticationAndAppliesTheTenantCheck() throws Exception {
        assertThat(http(basic(get("/engine-rest/process-definition"), null)).statusCode()).isEqualTo(401);
        HttpResponse<String> definitions = http(basic(get("/engine-rest/process-definition"), "chef." + COLLEGE));
        assertThat(definitions.statusCode()).isEqualTo(200);
        assertThat(definitions.body()).contains("\"key\":\"siecle-import\"");
        // the lycée's import instances are invisible to the collège's head, visible to the lycée's
        String query = "/engine-rest/history/process-instance?processDefinitionKey=siecle-import&tenantIdIn=" + LYCEE;
        assertThat(http(basic(get(query), "chef." + COLLEGE)).body()).isEqualTo("[]");
        assertThat(http(basic(get(query), "chef." + LYCEE)).body()).contains("\"tenantId\":\"" + LYCEE + "\"");
    }

    @Test
    void tasklistAndCockpitOpenWithTheSameSession() throws Exception {
        fr.adminteleservices.support.CamundaWebapps.ensureStarted();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String loginPage = browser.send(get("/login").build(), HttpResponse.BodyHandlers.ofString()).body();
        String token = loginPage.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=chef." + COLLEGE + "&password=chef." + COLLEGE + "&_csrf=" + token))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);

        HttpResponse<String> tasklist = browser.send(get("/camunda/app/tasklist/default/").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tasklist.statusCode()).isEqualTo(200);
        assertThat(tasklist.body()).contains("Camunda Tasklist");
        HttpResponse<String> user = browser.send(get("/camunda/api/admin/auth/user/default").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(user.statusCode()).isEqualTo(200);
        assertThat(user.body()).contains("\"userId\":\"chef." + COLLEGE + "\"").contains("tasklist").contains("cockpit");
        assertThat(browser.send(get("/camunda/app/cockpit/default/").build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        // without the app's log-in, the webapps give nothing
        HttpClient stranger = HttpClient.newHttpClient();
        assertThat(stranger.send(get("/camunda/api/admin/auth/user/default").build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isNotEqualTo(200);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private static HttpRequest basic(HttpRequest.Builder request, String user) {
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes()));
        }
        return request.build();
    }

    private static HttpResponse<String> http(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAcademyAdministratorSeesEveryProcessThroughTheEngineRestApi() throws Exception {
        HttpResponse<String> definitions = http(basic(get("/engine-rest/process-definition/count"), "academie"));
        assertThat(definitions.statusCode()).isEqualTo(200);
        assertThat(definitions.body()).doesNotContain("\"count\":0");
        // instances of every establishment's tenant, e.g. the collège's CAR lifecycles
        HttpResponse<String> lifecycles = http(basic(get("/engine-rest/process-instance/count?processDefinitionKey=car-lifecycle"
                + "&tenantIdIn=" + COLLEGE), "academie"));
        HttpResponse<String> asHead = http(basic(get("/engine-rest/process-instance/count?processDefinitionKey=car-lifecycle"
                + "&tenantIdIn=" + COLLEGE), "chef." + COLLEGE));
        assertThat(lifecycles.body()).isEqualTo(asHead.body());
    }

    @Test
    void onlyTheAcademyAdministratorReloadsProcessesAndRules() throws Exception {
        mvc.perform(post("/api/analyst/reload").with(httpBasic("academie", "academie"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.rules").value(org.hamcrest.Matchers.hasItems("guardian-legal-rank", "generation-eligibility")))
                .andExpect(jsonPath("$.newProcessVersions").value(0)); // unchanged files keep their version
        mvc.perform(post("/api/analyst/reload").with(httpBasic("chef." + COLLEGE, "chef." + COLLEGE)))
                .andExpect(status().isForbidden());
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() throws Exception {
        mvc.perform(MockMvcRequestBuilders.get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(content().string(containsString("/api/establishments/{uai}/siecle-imports")))
                .andExpect(content().string(containsString("/api/establishments/{uai}/students")))
                .andExpect(jsonPath("$.info.title").value("Admin Téléservices — API"))
                .andExpect(jsonPath("$.components.securitySchemes.basic.scheme").value("basic"));
    }

    @Test
    void theOpenApiDocumentDescribesTheErrorAnswersOfTheImport() throws Exception {
        String imports = "$.paths['/api/establishments/{uai}/siecle-imports'].post.responses";
        String decision = "$.paths['/api/establishments/{uai}/siecle-imports/{importId}/confirmation'].post.responses";
        mvc.perform(MockMvcRequestBuilders.get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath(imports + "['400'].description").value(containsString("Fichier refusé, rien n'est enregistré")))
                .andExpect(jsonPath(imports + "['400'].content['application/json'].schema['$ref']").value("#/components/schemas/Erreur"))
                .andExpect(jsonPath(imports + "['202'].description").value(containsString("en attente de confirmation")))
                .andExpect(jsonPath(imports + "['409'].description").value(containsString("import de l'établissement est en cours")))
                .andExpect(jsonPath(imports + "['413'].description").exists())
                .andExpect(jsonPath(imports + "['404'].description").value("Établissement inconnu"))
                .andExpect(jsonPath(imports + "['403'].description").value(containsString("pas celui du chef d'établissement")))
                .andExpect(jsonPath(decision + "['409'].description").value(containsString("déjà confirmé, annulé ou expiré")))
                .andExpect(jsonPath("$.components.schemas.Erreur.properties.message.type").value("string"))
                // the académie's operations say who may call them
                .andExpect(jsonPath("$.paths['/api/analyst/reload'].post.responses['403'].description")
                        .value("Réservé aux administrateurs d'académie."));
    }

    // (a wrong password for a real user counts in the log-in throttle of its address)
    private MockHttpSession login(String user) throws Exception {
        MvcResult result = mvc.perform(formLogin("/login").user(user).password(user)).andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }
}
