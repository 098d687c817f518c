package fr.adminteleservices.establishment;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code teleservices.academy.*}: the académie of this installation, created at the first start outside the demo. */
@Validated
@ConfigurationProperties("teleservices.academy")
public record AcademyProperties(@NotBlank String code, @NotBlank String name) {
}
