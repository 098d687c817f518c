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
}
