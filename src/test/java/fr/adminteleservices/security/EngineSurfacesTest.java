package fr.adminteleservices.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.support.CamundaWebapps;
import fr.adminteleservices.support.H2Test;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The same refusals as {@link UserTaskAccessContract}, through the real HTTP surfaces: {@code /engine-rest}
 * with HTTP Basic, and Tasklist's own API with a logged-in session. A refusal is a 403 with a French
 * message; no answer carries SQL.
 */
@H2Test
class EngineSurfacesTest {

    static final String COLLEGE = "0990001N";
    static final String LYCEE = "0990002P";

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    EstablishmentService establishments;

    @Test
    void aHeadCannotListClaimOrConfirmTheRolloverThroughTheRestApiOrTasklist() throws Exception {
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByMessage("bascule-demandee",
                Map.of("startedBy", "test", "academyCode", establishments.defaultAcademyCode()));
        String task = taskOf(pi).getId();
        String head = "chef." + COLLEGE;

        assertThat(rest("GET", "/engine-rest/task?processInstanceId=" + pi.getId(), head, null).body()).isEqualTo("[]");
        assertThat(rest("GET", "/engine-rest/process-instance?processDefinitionKey=rollover", head, null).body()).isEqualTo("[]");
        assertThat(rest("POST", "/engine-rest/task/" + task + "/claim", head, "{\"userId\":\"" + head + "\"}").statusCode()).isEqualTo(403);
        HttpResponse<String> complete = rest("POST", "/engine-rest/task/" + task + "/complete", head,
                "{\"variables\":{\"confirmed\":{\"value\":true,\"type\":\"Boolean\"}}}");
        assertThat(complete.statusCode()).isEqualTo(403);
        assertThat(complete.body()).contains("Accès refusé");
        assertThat(rest("PUT", "/engine-rest/task/" + task + "/variables/confirmed", head,
                "{\"value\":true,\"type\":\"Boolean\"}").statusCode()).isEqualTo(403);

        Tasklist tasklist = new Tasklist(head);
        assertThat(tasklist.get("/task?processInstanceId=" + pi.getId()).body()).isEqualTo("[]");
        assertThat(tasklist.post("/task/" + task + "/claim", "{\"userId\":\"" + head + "\"}").statusCode()).isEqualTo(403);
        assertThat(tasklist.post("/task/" + task + "/submit-form", "{\"variables\":{\"confirmed\":{\"value\":true}}}").statusCode())
                .isEqualTo(403);
        assertThat(taskOf(pi).getAssignee()).isNull();

        // the académie administrator does it, and the history names them
        assertThat(rest("POST", "/engine-rest/task/" + task + "/complete", "academie",
                "{\"variables\":{\"confirmed\":{\"value\":false,\"type\":\"Boolean\"}}}").statusCode()).isEqualTo(204);
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName("confirmedBy").singleResult().getValue()).isEqualTo("academie");
    }

    @Test
    void theHeadOfTheEstablishmentWorksItsImportTaskInTasklistAndOthersCannot() throws Exception {
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceByKey("siecle-import")
                .processDefinitionWithoutTenantId().businessKey("http-rejets-" + System.nanoTime())
                .setVariable("uai", COLLEGE).setVariable("importId", "test").setVariable("rejectedCount", 1L)
                .startBeforeActivity("ExaminerRejets").execute();
        String task = taskOf(pi).getId();

        String other = "chef." + LYCEE;
        assertThat(rest("GET", "/engine-rest/task?processInstanceId=" + pi.getId(), other, null).body()).isEqualTo("[]");
        assertThat(rest("POST", "/engine-rest/task/" + task + "/claim", other, "{\"userId\":\"" + other + "\"}").statusCode())
                .isEqualTo(403);
        assertThat(new Tasklist(other).post("/task/" + task + "/complete", "{}").statusCode()).isEqualTo(403);

        String head = "chef." + COLLEGE;
        Tasklist tasklist = new Tasklist(head);
        assertThat(tasklist.get("/task?processInstanceId=" + pi.getId()).body()).contains(task);
        assertThat(tasklist.post("/task/" + task + "/claim", "{\"userId\":\"" + head + "\"}").statusCode()).isEqualTo(204);

        // a value too long for its column: the database refuses it, the answer names no table, column or statement
        HttpResponse<String> tooLong = rest("POST", "/engine-rest/task/" + task + "/assignee", head,
                "{\"userId\":\"" + "x".repeat(300) + "\"}");
        assertThat(tooLong.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(tooLong.body()).doesNotContainIgnoringCase("sql").doesNotContain("ACT_").doesNotContainIgnoringCase("assignee_")
                .contains("référence");

        assertThat(tasklist.post("/task/" + task + "/submit-form",
                "{\"variables\":{\"rejetsExamines\":{\"value\":true}}}").statusCode()).isEqualTo(204);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    void aFamilysTeleinscriptionCannotBeCompletedWithForgedOptionsThroughTheEngine() throws Exception {
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceByKey("teleinscription")
                .processDefinitionWithoutTenantId().businessKey(LYCEE + ":http-" + System.nanoTime())
                .setVariable("uai", LYCEE).setVariable("assignmentId", -1L).setVariable("accountId", -1L)
                .setVariable("closesAt", new Date(System.currentTimeMillis() + 86_400_000L))
                .startBeforeActivity("ChoisirOptions").execute();
        try {
            String task = taskOf(pi).getId();
            String forged = "{\"variables\":{\"choices\":{\"value\":\"a=FORGED,b=<b>x</b>\"}}}";
            assertThat(rest("POST", "/engine-rest/task/" + task + "/complete", "chef." + LYCEE, forged).statusCode()).isEqualTo(403);
            HttpResponse<String> asAdmin = rest("POST", "/engine-rest/task/" + task + "/complete", "academie", forged);
            assertThat(asAdmin.statusCode()).isEqualTo(403);
            assertThat(asAdmin.body()).contains("portail");
            assertThat(taskOf(pi).getTaskDefinitionKey()).isEqualTo("ChoisirOptions");
        } finally {
            engine.getRuntimeService().deleteProcessInstance(pi.getId(), "test");
        }
    }

    private Task taskOf(ProcessInstance pi) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    private HttpResponse<String> rest(String method, String path, String user, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes()))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Tasklist's own calls to the engine: the admin log-in's session, and the webapps' CSRF token. */
    final class Tasklist {

        private static final String API = "/camunda/api/engine/engine/default";
        private final CookieManager cookies = new CookieManager();
        private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();

        Tasklist(String user) throws Exception {
            CamundaWebapps.ensureStarted();
            String page = browser.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
            String csrf = page.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
            HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user + "&_csrf=" + csrf))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(302);
            browser.send(HttpRequest.newBuilder(uri("/camunda/app/tasklist/default/")).build(), HttpResponse.BodyHandlers.discarding());
        }

        HttpResponse<String> get(String path) throws Exception {
            return browser.send(HttpRequest.newBuilder(uri(API + path)).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            get("/task/count"); // the webapps hand out their CSRF token on a GET
            String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().orElseThrow();
            return browser.send(HttpRequest.newBuilder(uri(API + path)).header("Content-Type", "application/json")
                    .header("X-XSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
