package fr.adminteleservices.notification;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code teleservices.notification.*}: how long a PDF of letters (it prints codes) is kept, and how often they are purged. */
@Validated
@ConfigurationProperties("teleservices.notification")
public record NotificationProperties(@NotNull @DurationMin(minutes = 1) Duration pdfKept,
                                     @NotNull @DurationMin(seconds = 1) Duration pdfPurgeEvery) {
}
