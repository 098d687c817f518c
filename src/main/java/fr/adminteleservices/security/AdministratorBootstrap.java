package fr.adminteleservices.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Outside the demo, the first académie administrator is created from configuration; there is no
 * default password, so a server never starts with a known log-in.
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "teleservices.demo.enabled", havingValue = "false")
class AdministratorBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdministratorBootstrap.class);

    private final Directory directory;
    private final String username;
    private final String password;

    AdministratorBootstrap(Directory directory,
                           AdministratorProperties administrator) {
        this.directory = directory;
        this.username = administrator.username();
        this.password = administrator.password();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (directory.academyAdminExists()) {
            return;
        }
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("No académie administrator exists yet: set TELESERVICES_ADMIN_PASSWORD "
                    + "(teleservices.admin.password) to create '" + username + "'. There is no default password.");
        }
        directory.createAcademyAdmin(username, password, "Administrateur", "académique");
        log.info("Created the first académie administrator '{}'", username);
    }
}
