package fr.adminteleservices.consultation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code teleservices.consultation.view-log.*}: page views are queued in the node's memory and written every
 * {@code flushEvery}, {@code batch} per transaction; beyond {@code maxPending} queued, the page that adds one writes them.
 */
@Validated
@ConfigurationProperties("teleservices.consultation.view-log")
public record ViewLogProperties(@Positive int maxPending, @Positive int batch,
                                @NotNull @DurationMin(millis = 100) Duration flushEvery) {
}
