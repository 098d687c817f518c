package fr.adminteleservices.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on the real MariaDB server (127.0.0.1:3306 unless -Dtest.mariadb.url).
 * An unreachable server fails the test: it is never skipped. With a {@code MockMvc} and {@link EstablishmentFixtures}, so
 * that every MariaDB test class shares this one context: a class that adds its own configuration starts a whole other
 * application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@ActiveProfiles("mariadbtest")
@Import(EstablishmentFixtures.class)
@ContextConfiguration(initializers = MariaDbTestDatabase.class)
public @interface MariaDbTest {
}
