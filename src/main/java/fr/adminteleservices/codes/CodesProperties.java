package fr.adminteleservices.codes;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code teleservices.codes.*}: the key protecting the codes ({@code key}, base64, or else {@code keyFile},
 * generated on first start; checked by platform.StartupConfigurationCheck), and the sweep of generations whose node
 * died before their lifecycles started.
 */
@Validated
@ConfigurationProperties("teleservices.codes")
public record CodesProperties(@NotNull String key, @NotNull String keyFile,
                              @NotNull @DurationMin(seconds = 1) Duration generationTakeoverAfter,
                              @NotNull @DurationMin(seconds = 1) Duration generationSweepEvery) {
}
