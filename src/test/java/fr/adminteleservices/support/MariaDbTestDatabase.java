package fr.adminteleservices.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Recreates the test database once per test run, before the first MariaDB context starts. */
public class MariaDbTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Set<String> CREATED = new HashSet<>();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        recreate();
    }

    /**
     * The mapper slices' database ({@code <test database>_mappers}), recreated once per run: empty, where the whole
     * application's holds the demo académie and what the other classes left.
     */
    public static class ForMappers implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String database = database() + "_mappers";
            recreate(database);
            // application-mariadbtest.yml builds the URL from this property
            TestPropertyValues.of("test.mariadb.database=" + database).applyTo(context);
        }
    }

    /** The test database's name: another checkout on the same server sets its own ({@code -Dtest.mariadb.database}). */
    public static String database() {
        return System.getProperty("test.mariadb.database", "teleservices_test");
    }

    public static void recreate() {
        recreate(database());
    }

    private static synchronized void recreate(String database) {
        if (CREATED.contains(database)) {
            return;
        }
        String url = System.getProperty("test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/");
        String user = System.getProperty("test.mariadb.user", "root");
        String password = System.getProperty("test.mariadb.password", "");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database);
            s.execute("create database " + database + " character set utf8mb4 collate utf8mb4_unicode_ci");
            CREATED.add(database);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB is not reachable at " + url + " (user " + user
                    + "): the MariaDB tests cannot run. Start it (see .ci/run) or set -Dtest.mariadb.url.", e);
        }
    }
}
