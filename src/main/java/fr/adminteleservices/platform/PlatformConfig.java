package fr.adminteleservices.platform;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class PlatformConfig {

    /** French schools live on Paris time; tests move the engine's clock (ClockUtil) to move days forward. */
    @Bean
    Clock clock() {
        return new EngineClock(ZoneId.of("Europe/Paris"));
    }
}
