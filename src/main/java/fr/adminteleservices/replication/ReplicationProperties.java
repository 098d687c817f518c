package fr.adminteleservices.replication;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code teleservices.replication.lease}: a run's hold on the cluster's one replication, renewed after each establishment;
 * {@code threads}: how many establishments a run copies at once (each in its own transaction).
 */
@Validated
@ConfigurationProperties("teleservices.replication")
public record ReplicationProperties(@NotNull @DurationMin(seconds = 1) Duration lease, @Min(1) int threads) {
}
