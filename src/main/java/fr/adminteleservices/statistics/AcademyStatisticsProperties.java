package fr.adminteleservices.statistics;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code teleservices.statistics.academy}: one node computes the académie's syntheses again every {@code refreshEvery};
 * figures older than {@code maxAge} (no refresh since, or none yet) are computed by the page that reads them.
 */
@Validated
@ConfigurationProperties("teleservices.statistics.academy")
public record AcademyStatisticsProperties(@NotNull @DurationMin(seconds = 1) Duration refreshEvery,
                                          @NotNull @DurationMin(seconds = 1) Duration maxAge) {
}
