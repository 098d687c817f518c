package fr.adminteleservices.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.security.Directory;
import fr.adminteleservices.support.H2Test;
import fr.adminteleservices.support.Heads;
import java.time.LocalDate;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** The home page and « Synthèse codes responsables » count the same guardians, and both say how (issue 16, point 12). */
@H2Test
class GuardianCountTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EstablishmentService establishments;
    @Autowired
    Directory directory;
    @Autowired
    fr.adminteleservices.opening.ServiceOpening opening;

    @Test
    void theHomePageAndTheStatisticsCountTheLegalGuardiansOfPresentStudentsOnce() throws Exception {
        // given a mother of two children in two divisions, a father, a nanny (no legal rank), a father whose only
        // child has left, and a guardian who left SIECLE
        String uai = Heads.newEstablishmentWithHead(establishments, directory);
        opening.declare(uai, "test");
        StatisticsFixture f = new StatisticsFixture(jdbc, uai);
        LocalDate longAgo = LocalDate.of(2020, 1, 1);
        long lea = f.student("Martin", null, "3A", null);
        long hugo = f.student("Martin", null, "4B", null);
        long gone = f.student("Parti", null, "3A", longAgo);
        long mother = f.guardian("Martin", null);
        f.link(lea, mother, 1, null);
        f.link(hugo, mother, 1, null);
        f.link(lea, f.guardian("Martin", null), 2, null);
        f.link(hugo, f.guardian("Nounou", null), 0, null);
        f.link(gone, f.guardian("Parti", null), 1, null);
        f.link(hugo, f.guardian("Ancien", longAgo), 2, null);

        // then the statistics count 2 guardians (the mother once), 3 on the « Somme » line of the divisions
        mvc.perform(get("/api/establishments/" + uai + "/statistics/guardian-codes").with(Heads.headOf(uai)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.establishment.guardians").value(2)).andExpect(jsonPath("$.sum.guardians").value(3));
        // and the home page says the same, with its definition
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").user(Heads.username(uai))
                .password(Heads.password(uai))).andReturn().getRequest().getSession(false);
        Document home = Jsoup.parse(mvc.perform(get("/etablissements/" + uai).session(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(home.text()).contains("2 responsables légaux");
        assertThat(home.getElementById("guardians-definition").text())
                .contains("Responsables légaux 1 ou 2 d'au moins un élève présent, chacun compté une fois");
        Document statistics = Jsoup.parse(mvc.perform(get("/etablissements/" + uai + "/statistiques/codes-responsables")
                        .session(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(statistics.getElementById("guardians-definition").text())
                .contains("Responsables légaux 1 ou 2 d'au moins un élève présent, chacun compté une fois")
                .contains("la ligne « Somme » peut donc dépasser");
    }
}
