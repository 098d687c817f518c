package fr.adminteleservices.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.adminteleservices.Application;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Issue 17, point 7: a bad configuration stops start-up with every problem at once, in French, before the database. */
@ExtendWith(OutputCaptureExtension.class)
class StartupConfigurationTest {

    @Test
    void everyProblemIsPrintedInOneFrenchBlockBeforeTheDatabaseIsTouched(CapturedOutput output) {
        SpringApplication app = new SpringApplication(Application.class);
        // no server listens on port 1: had the database been touched, the failure would be a connection error
        assertThatThrownBy(() -> app.run("--spring.profiles.active=mariadb",
                "--spring.datasource.url=jdbc:mariadb://127.0.0.1:1/nulle_part?transactionIsolation=READ-COMMITTED",
                "--teleservices.codes.key=", "--teleservices.admin.password=", "--spring.mail.host=",
                "--teleservices.mail.from=personne", "--teleservices.mail.slice-time=PT4M", "--server.port=0"))
                .isInstanceOfSatisfying(StartupConfigurationCheck.ConfigurationProblems.class,
                        e -> assertThat(e.problems()).hasSize(5));
        assertThat(output.getAll()).contains("L'application ne démarre pas : 5 réglages manquent ou sont faux",
                "TELESERVICES_CODES_KEY (teleservices.codes.key) est vide", "TELESERVICES_ADMIN_PASSWORD",
                "SPRING_MAIL_HOST", "TELESERVICES_MAIL_FROM", "teleservices.mail.slice-time (PT4M)",
                "Corrigez ces réglages").doesNotContain("HikariPool", "ENGINE-");
    }

    @Test
    void aKeyTooShortAndAnIsolationCamundaRefusesAreFoundToo() {
        SpringApplication app = new SpringApplication(Application.class);
        assertThatThrownBy(() -> app.run("--spring.profiles.active=mariadb",
                "--spring.datasource.url=jdbc:mariadb://127.0.0.1:1/nulle_part", "--teleservices.codes.key=c2hvcnQ=",
                "--teleservices.admin.password=secret", "--spring.mail.host=localhost", "--server.port=0"))
                .isInstanceOfSatisfying(StartupConfigurationCheck.ConfigurationProblems.class,
                        e -> assertThat(e.problems()).hasSize(2).anySatisfy(p -> assertThat(p).contains("au moins 32 octets"))
                                .anySatisfy(p -> assertThat(p).contains("READ-COMMITTED")));
    }

    /** Issue 19.2: every feature's settings record is bound and validated at start, before the database. */
    @Test
    void aSettingOutOfRangeBlankOrMalformedStopsTheStartNamingItsKey(CapturedOutput output) {
        SpringApplication app = new SpringApplication(Application.class);
        assertThatThrownBy(() -> app.run("--spring.datasource.url=jdbc:h2:mem:never-opened", "--server.port=0",
                "--teleservices.replication.lease=-PT10M", "--teleservices.academy.name= ",
                "--teleservices.portal.rate-limit.reset-address.capacity=0", "--teleservices.siecle.claim-expiry=une heure"))
                .isInstanceOfSatisfying(StartupConfigurationCheck.ConfigurationProblems.class, e -> assertThat(e.problems())
                        .hasSize(4)
                        .anySatisfy(p -> assertThat(p).startsWith("teleservices.replication.lease (« PT-10M »)"))
                        .anySatisfy(p -> assertThat(p).startsWith("teleservices.academy.name (« ").contains("ne doit pas être vide"))
                        .anySatisfy(p -> assertThat(p).startsWith("teleservices.portal.rate-limit.reset-address.capacity (« 0 »)")
                                .contains("supérieur à 0"))
                        .anySatisfy(p -> assertThat(p).startsWith("teleservices.siecle.claim-expiry (« une heure »)")
                                .contains("n'est pas une valeur possible")));
        assertThat(output.getAll()).contains("L'application ne démarre pas : 4 réglages manquent ou sont faux")
                .doesNotContain("HikariPool", "ENGINE-");
    }
}
