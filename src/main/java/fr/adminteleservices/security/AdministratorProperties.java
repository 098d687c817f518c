package fr.adminteleservices.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code teleservices.admin.*}: the first académie administrator, created at the first start outside the demo; the
 * password has no default (platform.StartupConfigurationCheck stops a start without it).
 */
@Validated
@ConfigurationProperties("teleservices.admin")
public record AdministratorProperties(@NotBlank String username, @NotNull String password) {
}
