package fr.adminteleservices.replication;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.support.H2Test;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

@H2Test
class ReplicationScreenTest {

    @Autowired
    MockMvc mvc;

    MockHttpSession login(String user) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").user(user).password(user)).andReturn().getRequest().getSession(false);
    }

    @Test
    void anAcademyAdministratorRunsTheReplicationAndSeesIt() throws Exception {
        MockHttpSession session = login("academie");
        mvc.perform(post("/academie/replication").session(session).with(csrf()))
                .andExpect(flash().attribute("message", containsString("Réplication terminée en")));
        mvc.perform(get("/academie/replication").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("<td>academie</td>")));
    }

    @Test
    void headsCannotReachIt() throws Exception {
        mvc.perform(get("/academie/replication").session(login("chef.0990001N"))).andExpect(status().isForbidden());
    }
}
