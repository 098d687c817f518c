package fr.adminteleservices.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.adminteleservices.Application;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
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

    /** Issue 18 §4: a node given more request threads than its database pool can serve does not start. */
    @Test
    void moreThreadsThatHoldConnectionsThanThePoolStopsTheStart() {
        SpringApplication app = new SpringApplication(Application.class);
        assertThatThrownBy(() -> app.run("--spring.datasource.url=jdbc:h2:mem:never-opened", "--server.port=0",
                "--server.tomcat.threads.max=16"))
                .isInstanceOfSatisfying(StartupConfigurationCheck.ConfigurationProblems.class, e -> assertThat(e.problems())
                        .singleElement().asString()
                        .startsWith("spring.datasource.hikari.maximum-pool-size (24) doit dépasser le nombre de fils")
                        .contains("server.tomcat.threads.max (16) + camunda.bpm.job-execution.max-pool-size (8) + "
                                + "spring.task.scheduling.pool.size (4) = 28")
                        .endsWith("Donnez au moins 29 connexions."));
    }

    @Test
    void theShippedPoolServesEveryThreadAndAJoblessNodeNeedsFewer() throws IOException {
        StandardEnvironment shipped = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                .forEach(shipped.getPropertySources()::addLast);
        assertThat(StartupConfigurationCheck.connectionPool(shipped)).isEmpty();

        // 16 request threads + 4 scheduling threads fit in 24 connections when the node runs no job
        shipped.getPropertySources().addFirst(new MapPropertySource("node", Map.of("server.tomcat.threads.max", "16",
                "camunda.bpm.job-execution.enabled", "false")));
        assertThat(StartupConfigurationCheck.connectionPool(shipped)).isEmpty();
        shipped.getPropertySources().addFirst(new MapPropertySource("larger", Map.of("server.tomcat.threads.max", "20")));
        assertThat(StartupConfigurationCheck.connectionPool(shipped)).get().asString()
                .contains("server.tomcat.threads.max (20) + spring.task.scheduling.pool.size (4) = 24")
                .doesNotContain("camunda.bpm.job-execution");

        // a malformed number or switch is said by Spring's own binding, not turned into a stack trace here
        shipped.getPropertySources().addFirst(new MapPropertySource("malformed", Map.of("server.tomcat.threads.max", "huit",
                "camunda.bpm.job-execution.enabled", "peut-être")));
        assertThat(StartupConfigurationCheck.connectionPool(shipped)).isEmpty();
    }
}
