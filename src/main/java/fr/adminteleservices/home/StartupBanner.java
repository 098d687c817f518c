package fr.adminteleservices.home;

import fr.adminteleservices.demo.DemoProperties;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says where to go once the service is up (and how long start-up took). */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final DemoProperties demo;

    StartupBanner(DemoProperties demo) {
        this.demo = demo;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        // the port actually listened on (server.port=0 in some runs)
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return; // a mock web environment (tests): no address to give
        }
        int port = web.getWebServer().getPort();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        String logins = demo.enabled()
                ? "\n  Comptes de démonstration : academie / academie, chef.0990001N / chef.0990001N, chef.0990002P / chef.0990002P"
                : "";
        log.info("\n\n  Admin Téléservices est prêt en {} ms : http://localhost:{}/\n  Tasklist et Cockpit : http://localhost:{}/camunda/app/tasklist/ et /camunda/app/cockpit/{}\n",
                uptime, port, port, logins);
    }
}
