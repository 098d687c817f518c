package fr.adminteleservices.security;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code teleservices.sessions}: how often the expired sessions are deleted (on one node), how much memory each
 * node gives its copies of the sessions (0: none, every page reads its session in the database) and how often each
 * node reads the feed of session changes (the longest a session ended on another node may still serve here).
 */
@Validated
@ConfigurationProperties("teleservices.sessions")
public record SessionsProperties(@NotNull @DurationMin(seconds = 1) Duration cleanupEvery,
                                 @NotNull DataSize nodeCopies,
                                 @NotNull @DurationMin(millis = 10) @DurationMax(seconds = 5) Duration changesPolledEvery) {
}
