package fr.adminteleservices.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.mybatis.spring.boot.test.autoconfigure.MybatisTest;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * A mapper slice on the real MariaDB server, as {@link H2MapperTest} on H2: the schema Flyway creates in a database of
 * its own ({@link MariaDbTestDatabase.ForMappers}), each test rolled back. An unreachable server fails the test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@MybatisTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles("mariadbtest")
@ContextConfiguration(initializers = MariaDbTestDatabase.ForMappers.class)
public @interface MariaDbMapperTest {
}
