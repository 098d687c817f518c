package fr.adminteleservices.platform;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code teleservices.processes-dir}, {@code rules-dir}: the folders business analysts edit (the packaged copies
 * when absent); {@code tasklist-filter}: the name of Tasklist's filter of every task, created once.
 */
@Validated
@ConfigurationProperties("teleservices")
public record PlatformProperties(@NotBlank String processesDir, @NotBlank String rulesDir, @NotBlank String tasklistFilter) {
}
