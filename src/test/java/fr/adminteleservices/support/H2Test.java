package fr.adminteleservices.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on in-memory H2 on a random port (Camunda's webapps and REST need a real server), demo académie as
 * fixture, with a {@code MockMvc} for the tests that do not need the server and {@link EstablishmentFixtures}. Every H2
 * test class shares this one context: a class that adds its own configuration (properties, beans, annotations) starts a
 * whole other application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(EstablishmentFixtures.class)
public @interface H2Test {
}
