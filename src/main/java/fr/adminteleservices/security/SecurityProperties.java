package fr.adminteleservices.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code teleservices.security.*}: the largest request body that is not an upload (JSON of the API, forms), and the
 * wrong passwords allowed per (log-in, client address), given back one at a time over the period.
 */
@Validated
@ConfigurationProperties("teleservices.security")
public record SecurityProperties(@NotNull DataSize maxBodySize, @NotNull @Valid LoginThrottle loginThrottle) {

    public SecurityProperties {
        if (maxBodySize != null && maxBodySize.toBytes() <= 0) {
            throw new IllegalArgumentException("teleservices.security.max-body-size doit être positive : " + maxBodySize);
        }
    }

    public record LoginThrottle(@Positive int capacity, @NotNull @DurationMin(seconds = 1) Duration period) {
    }
}
