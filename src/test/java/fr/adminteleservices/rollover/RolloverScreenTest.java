package fr.adminteleservices.rollover;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.support.H2Test;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** The rollover screen: start, see the proposed dates, abandon (confirming is tested on the process). */
@H2Test
class RolloverScreenTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TaskService tasks;

    MockHttpSession login(String user) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").user(user).password(user)).andReturn().getRequest().getSession(false);
    }

    @Test
    void anAcademyAdministratorStartsTheRolloverAndSeesTheDatesToConfirm() throws Exception {
        MockHttpSession session = login("academie");
        mvc.perform(get("/academie/bascule").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Lancer la bascule")));

        mvc.perform(post("/academie/bascule").session(session).with(csrf()))
                .andExpect(flash().attribute("message", containsString("Bascule lancée")));
        Task task = tasks.createTaskQuery().processDefinitionKey("rollover").taskDefinitionKey("ConfirmerDates")
                .processVariableValueEquals("academyCode", "demo").singleResult();
        mvc.perform(get("/academie/bascule").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Confirmer les dates de la nouvelle année scolaire")))
                .andExpect(content().string(containsString("name=\"startsOn\"")));

        mvc.perform(post("/academie/bascule/" + task.getId()).param("confirmed", "false").session(session).with(csrf()))
                .andExpect(flash().attribute("message", "Bascule abandonnée."));
        mvc.perform(get("/academie/bascule").session(session))
                .andExpect(content().string(containsString("Lancer la bascule")));
    }

    @Test
    void headsCannotReachIt() throws Exception {
        mvc.perform(get("/academie/bascule").session(login("chef.0990001N"))).andExpect(status().isForbidden());
    }
}
