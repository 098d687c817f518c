package fr.adminteleservices.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.catalogue.Catalogue;
import fr.adminteleservices.codes.GuardianCodes;
import fr.adminteleservices.support.H2Test;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/** The demo as a newcomer meets it on its first day (issue 16, points 13, 17 and 18). */
@H2Test
class DemoFirstDayTest {

    private static final String COLLEGE = DemoData.COLLEGE;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    GuardianCodes guardianCodes;
    @Autowired
    Catalogue catalogue;
    @Autowired
    Clock clock;
    @Value("${teleservices.portal.public-url}")
    String portalUrl;

    @Test
    void createTheCodesInMassHasSixiemeAndCinquiemeCouplesToOfferWhileQuatriemeAndTroisiemeHaveTheirs() throws Exception {
        // the API: 6A couples can receive a code, 3A's have one (except persons who are not legal guardians)
        mvc.perform(get("/api/establishments/" + COLLEGE + "/guardian-links").param("division", "6A").with(head()))
                .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.eligible == true)]").isNotEmpty());
        mvc.perform(get("/api/establishments/" + COLLEGE + "/guardian-links").param("division", "3A").with(head()))
                .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.eligible == true)]").isEmpty());
        // the screen a head opens first
        Document creation = Jsoup.parse(mvc.perform(get("/etablissements/" + COLLEGE + "/responsables/creation").session(login()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        String caption = creation.selectFirst("#couples-table caption").text();
        assertThat(caption).doesNotContain(" 0 pouvant recevoir un code").containsPattern("[1-9][0-9]* pouvant recevoir un code");
    }

    @Test
    void aDemoLettersCodeWorksOnTheDayTheDemoStarts() throws Exception {
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/Paris")));
        // every valid code of the demo is usable today, as if created the day before
        assertThat(jdbc.queryForObject("select count(*) from guardian_code where uai = ? and valid_link_id is not null",
                Integer.class, COLLEGE)).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from guardian_code where uai = ? and valid_from > ?",
                Integer.class, COLLEGE, today)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from student_code where uai = ? and valid_from > ?",
                Integer.class, COLLEGE, today)).isZero();

        // a 4e guardian's code with the student's birth date opens the account's creation on the portal, today
        var couple = jdbc.queryForMap("select c.id as code_id, c.link_id, s.birth_date from guardian_code c "
                + "join guardian_link l on l.id = c.link_id join student s on s.id = l.student_id "
                + "where c.uai = ? and c.valid_link_id is not null and s.division_code = '4D' order by c.id limit 1", COLLEGE);
        String code = guardianCodes.reveal(COLLEGE, ((Number) couple.get("link_id")).longValue(),
                ((Number) couple.get("code_id")).longValue(), "test").reveal();
        String birthDate = couple.get("birth_date").toString();
        String answer = mvc.perform(post("/portail/activation").with(csrf()).with(r -> {
                    r.setRemoteAddr("10.99.1.17");
                    return r;
                }).param("code", code).param("naissance", birthDate).param("identifiant", "demo-premier-jour")
                .param("courriel", "premier.jour@example.fr").param("motdepasse", "Un mot de passe du premier jour !")
                .param("confirmation", "Un mot de passe du premier jour !"))
                .andReturn().getResponse().getContentAsString();
        assertThat(answer).doesNotContain("Ce code sera utilisable").doesNotContain("est incorrect");
        assertThat(jdbc.queryForObject("select count(*) from portal_account where username = 'demo-premier-jour'", Integer.class))
                .isOne();
    }

    @Test
    void theDemoLettersPrintTheAcademysAddressOfThisPortal() {
        assertThat(catalogue.teleservicesUrl(DemoData.ACADEMY)).isEqualTo(portalUrl.replaceAll("/$", "") + "/portail");
    }

    private org.springframework.mock.web.MockHttpSession login() throws Exception {
        return (org.springframework.mock.web.MockHttpSession) mvc.perform(
                        org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin("/login")
                                .user("chef." + COLLEGE).password("chef." + COLLEGE))
                .andReturn().getRequest().getSession(false);
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor head() {
        return httpBasic("chef." + COLLEGE, "chef." + COLLEGE);
    }
}
