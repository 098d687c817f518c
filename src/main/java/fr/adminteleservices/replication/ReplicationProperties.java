package fr.adminteleservices.replication;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code teleservices.replication.lease}: a run's hold on the cluster's one replication, renewed after each establishment. */
@Validated
@ConfigurationProperties("teleservices.replication")
public record ReplicationProperties(@NotNull @DurationMin(seconds = 1) Duration lease) {
}
