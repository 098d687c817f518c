package fr.adminteleservices.accounts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code teleservices.portal.*}: the portal's address, written in the links of its e-mails and letters, the
 * limits of activation attempts and password-reset requests (token buckets shared by the nodes), and the lines of
 * decided pages each node keeps (consultation.DecidedPages, about 200 bytes each).
 */
@Validated
@ConfigurationProperties("teleservices.portal")
public record PortalProperties(@NotBlank String publicUrl, @NotNull @Valid RateLimit rateLimit, @Positive long pageCacheLines) {

    /** The address without its trailing slash, to append paths to. */
    public String baseUrl() {
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /**
     * Activation attempts per client address and per student; « mot de passe oublié » requests per client address
     * and links sent per account; {@code purgeInterval}: how often the buckets long refilled are deleted.
     */
    public record RateLimit(@NotNull @Valid Limit address, @NotNull @Valid Limit student,
                            @NotNull @Valid Limit resetAddress, @NotNull @Valid Limit resetAccount,
                            @NotNull @DurationMin(seconds = 1) Duration purgeInterval) {
    }

    /** {@code capacity} attempts, given back one at a time over {@code period}. */
    public record Limit(@Positive int capacity, @NotNull @DurationMin(seconds = 1) Duration period) {
    }
}
