package fr.adminteleservices.platform;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The clock, and Spring's scheduled tasks (sweeps that each node runs, guarded by the database). */
@Configuration
@EnableScheduling
class PlatformConfig {

    /** French schools live on Paris time; tests move the engine's clock (ClockUtil) to move days forward. */
    @Bean
    Clock clock() {
        return new EngineClock(ZoneId.of("Europe/Paris"));
    }
}
