package fr.adminteleservices.mail;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code teleservices.mail.*}: {@code embedded}, an SMTP server inside the app (GreenMail, on {@code embeddedPort},
 * 0 for any free one) whose messages demo users read at /courriels; {@code from}, the sender address of every e-mail;
 * a slice of « Envoyer les courriels » sends at most {@code sliceSize} messages for at most {@code sliceTime} (half
 * of Camunda's job lock at most, checked at start); a message claimed for sending is the claimer's for {@code claimTime}.
 */
@Validated
@ConfigurationProperties("teleservices.mail")
public record MailProperties(boolean embedded, @Min(0) @Max(65535) int embeddedPort, @NotBlank String from,
                             @Positive int sliceSize,
                             @NotNull @DurationMin(seconds = 1) Duration sliceTime,
                             @NotNull @DurationMin(seconds = 1) Duration claimTime) {
}
