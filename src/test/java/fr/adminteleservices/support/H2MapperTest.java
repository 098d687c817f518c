package fr.adminteleservices.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.mybatis.spring.boot.test.autoconfigure.MybatisTest;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * A mapper slice on H2: MyBatis with the application's XML and settings, the schema Flyway creates, no Camunda, no
 * services; each test rolled back. Its own in-memory database, empty, where the whole application's
 * ({@code teleservices-test}) holds the demo académie and what the other classes left.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@MybatisTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles("test")
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:mapper-slices;MODE=MariaDB;DB_CLOSE_DELAY=-1")
public @interface H2MapperTest {
}
