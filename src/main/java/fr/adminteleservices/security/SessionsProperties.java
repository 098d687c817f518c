package fr.adminteleservices.security;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code teleservices.sessions.cleanup-every}: how often the expired sessions are deleted, on one node. */
@Validated
@ConfigurationProperties("teleservices.sessions")
public record SessionsProperties(@NotNull @DurationMin(seconds = 1) Duration cleanupEvery) {
}
