package fr.adminteleservices.benchmark;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import com.icegreen.greenmail.util.GreenMail;
import fr.adminteleservices.Application;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** What the benchmarks print about the machine, the JVM and the MariaDB server, and their small chores. */
final class Machine {

    private Machine() {
    }

    /** The load averages over 1, 5 and 15 minutes ("?" where /proc is not there). */
    static String loadAverage() {
        try {
            String[] l = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return l[0] + "/" + l[1] + "/" + l[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** Time spent in garbage collection so far, all collectors (ms). */
    static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    static String gcNames() {
        return String.join(" + ", ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList());
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The single number a query answers. */
    static long count(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** "MariaDB " and the server's version, as root without password on that JDBC URL. */
    static String mariaDbVersion(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select version()")) {
            r.next();
            return "MariaDB " + r.getString(1);
        }
    }

    static String mariaDbVersionQuietly(String url) {
        try {
            return mariaDbVersion(url);
        } catch (SQLException e) {
            return "MariaDB ?";
        }
    }

    // ------------------------------------------------------------------ the application on MariaDB

    /** The server the benchmarks use, root without password ({@code -Dbench.mariadb.url} to change it). */
    static final String MARIADB_SERVER = System.getProperty("bench.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/");

    /** The JDBC URL of a benchmark's own database on that server. */
    static String databaseUrl(String database) {
        return MARIADB_SERVER + database;
    }

    /** Drops the benchmark's database and creates it empty; answers its URL. */
    static String freshDatabase(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(MARIADB_SERVER, "root", ""); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database);
            s.execute("create database " + database + " character set utf8mb4 collate utf8mb4_unicode_ci");
        }
        return databaseUrl(database);
    }

    /**
     * Starts the whole application on that database (profile mariadb, no demo data, a free port, warnings only),
     * with Camunda's job executor on or off, and the given properties. System properties outrank
     * application-mariadb.yml.
     */
    static ConfigurableApplicationContext startApplication(String url, boolean jobExecutor, Map<String, String> properties) {
        System.setProperty("DB_URL", url);
        System.setProperty("TELESERVICES_ADMIN_PASSWORD", "benchmark");
        System.setProperty("TELESERVICES_CODES_KEY", "YmVuY2htYXJrLW9ubHkta2V5LWZvci1hY3RpdmF0aW9uLWNvZGVzLTAxMjM0NTY3");
        System.setProperty("teleservices.demo.enabled", "false");
        System.setProperty("server.port", "0");
        System.setProperty("camunda.bpm.job-execution.enabled", Boolean.toString(jobExecutor));
        System.setProperty("logging.level.root", "warn");
        properties.forEach(System::setProperty);
        return new SpringApplicationBuilder(Application.class).profiles("mariadb").run();
    }

    /** The properties that send the application's e-mails to this SMTP server rather than to its embedded one. */
    static Map<String, String> mailTo(GreenMail smtp) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("teleservices.mail.embedded", "false");
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", Integer.toString(smtp.getSmtp().getPort()));
        return properties;
    }
}
