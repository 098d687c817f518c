package fr.adminteleservices.siecle;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code teleservices.siecle.*}: the largest export file accepted (a real one is a few MB), and how long an
 * establishment's import claim lasts before another node takes it over (its node died).
 */
@Validated
@ConfigurationProperties("teleservices.siecle")
public record SiecleProperties(@NotNull DataSize maxFileSize, @NotNull @DurationMin(minutes = 1) Duration claimExpiry) {

    public SiecleProperties {
        if (maxFileSize != null && maxFileSize.toBytes() <= 0) {
            throw new IllegalArgumentException("teleservices.siecle.max-file-size doit être positive : " + maxFileSize);
        }
    }
}
