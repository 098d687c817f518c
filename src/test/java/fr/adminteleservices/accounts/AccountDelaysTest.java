package fr.adminteleservices.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.support.H2Test;
import java.nio.file.Path;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 19.2: what the portal tells families of its delays follows the processes' timers. An analyst who deploys
 * « 10 jours sans confirmation » (P10D) changes the pages (and the e-mails, which ask the same component).
 */
@H2Test
class AccountDelaysTest {

    @Autowired
    AccountDelays delays;
    @Autowired
    RepositoryService repository;
    @Autowired
    MockMvc mvc;

    String deployment;

    @AfterEach
    void undeploy() {
        if (deployment != null) {
            repository.deleteDeployment(deployment, true);
        }
        delays.forget();
    }

    @Test
    void theDelaysAreTheDeployedTimers() throws Exception {
        assertThat(delays.confirmation()).isEqualTo("7 jours");
        assertThat(delays.withinConfirmation()).isEqualTo("dans les 7 jours");
        assertThat(delays.passwordReset()).isEqualTo("24 heures");
        mvc.perform(get("/portail/activation")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("pour confirmer son compte <span>dans les 7 jours</span>")));

        BpmnModelInstance tenDays = Bpmn.readModelFromFile(Path.of("processes", "portal-account.bpmn").toFile());
        tenDays.getModelElementsByType(TimerEventDefinition.class).stream()
                .filter(t -> t.getParentElement().getAttributeValue("id").equals("SeptJoursSansConfirmation"))
                .forEach(t -> t.getTimeDuration().setTextContent("P10D"));
        deployment = repository.createDeployment().name("analyst: ten days").addModelInstance("portal-account.bpmn", tenDays)
                .deploy().getId();
        delays.forget();

        assertThat(delays.confirmation()).isEqualTo("10 jours");
        mvc.perform(get("/portail/activation")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("<span>dans les 10 jours</span>")));
    }

    @Test
    void aDelayIsSaidInItsLargestWholeUnit() {
        assertThat(AccountDelays.inFrench("P7D")).isEqualTo("7 jours");
        assertThat(AccountDelays.inFrench("P1D")).isEqualTo("1 jour");
        assertThat(AccountDelays.inFrench("PT24H")).isEqualTo("24 heures");
        assertThat(AccountDelays.inFrench("P1DT12H")).isEqualTo("36 heures");
        assertThat(AccountDelays.inFrench("PT1H")).isEqualTo("1 heure");
        assertThat(AccountDelays.inFrench("PT90M")).isEqualTo("90 minutes");
        assertThat(AccountDelays.within("1 jour")).isEqualTo("dans un délai d'un jour");
        assertThat(AccountDelays.within("1 heure")).isEqualTo("dans un délai d'une heure");
        assertThat(AccountDelays.within("24 heures")).isEqualTo("dans les 24 heures");
    }
}
