package fr.adminteleservices.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import fr.adminteleservices.support.H2Test;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The demo: the lycée's shipped Nomenclature profiles its 2nde GT, and 3e students of the collège are assigned to it. */
@H2Test
class DemoTeleinscriptionTest {

    @Autowired
    Teleinscription teleinscription;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theDemoLyceeOffersItsOptionsAndCollegeStudentsAreAssignedToIt() {
        LyceeProfile.Mef seconde = teleinscription.profile("0990002P").mef("20010017110").orElseThrow();
        assertThat(seconde.options(OptionCategory.EXPLORATION)).extracting(LyceeProfile.Option::label).containsExactlyInAnyOrder(
                "Sciences économiques et sociales", "Principes fondamentaux de l'économie et de la gestion",
                "Sciences de l'ingénieur", "Littérature et société", "Méthodes et pratiques scientifiques");
        assertThat(seconde.options(OptionCategory.SECTION)).extracting(LyceeProfile.Option::label)
                .containsExactlyInAnyOrder("Section européenne anglais", "Section sportive football");
        assertThat(seconde.options(OptionCategory.OPTIONAL)).extracting(LyceeProfile.Option::label)
                .containsExactlyInAnyOrder("Latin", "Arts plastiques", "Éducation physique et sportive (option)");
        assertThat(jdbc.queryForObject("select count(*) from enrolment_assignment a join student s on s.id = a.student_id "
                + "where a.college_uai = '0990001N' and a.lycee_uai = '0990002P' and s.mef_code = '10310019110'", Integer.class))
                .isEqualTo(12);
    }
}
