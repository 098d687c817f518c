package fr.adminteleservices.home;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says where to go once the service is up (and how long start-up took). */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    @Value("${server.port:8080}")
    private int port;
    @Value("${teleservices.demo.enabled:true}")
    private boolean demo;

    @EventListener
    void ready(ApplicationReadyEvent event) {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        String logins = demo
                ? "\n  Comptes de démonstration : academie / academie, chef.0990001N / chef.0990001N, chef.0990002P / chef.0990002P"
                : "";
        log.info("\n\n  Admin Téléservices est prêt en {} ms : http://localhost:{}/\n  Tasklist et Cockpit : http://localhost:{}/camunda/app/tasklist/ et /camunda/app/cockpit/{}\n",
                uptime, port, port, logins);
    }
}
