package fr.adminteleservices.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Recreates the test database once per test run, before the first MariaDB context starts. */
public class MariaDbTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static boolean created;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        recreate();
    }

    /** The test database's name: another checkout on the same server sets its own ({@code -Dtest.mariadb.database}). */
    public static String database() {
        return System.getProperty("test.mariadb.database", "teleservices_test");
    }

    public static synchronized void recreate() {
        if (created) {
            return;
        }
        String url = System.getProperty("test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/");
        String user = System.getProperty("test.mariadb.user", "root");
        String password = System.getProperty("test.mariadb.password", "");
        String database = database();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database);
            s.execute("create database " + database + " character set utf8mb4 collate utf8mb4_unicode_ci");
            created = true;
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB is not reachable at " + url + " (user " + user
                    + "): the MariaDB tests cannot run. Start it (see .ci/run) or set -Dtest.mariadb.url.", e);
        }
    }
}
