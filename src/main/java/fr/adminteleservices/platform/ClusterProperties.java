package fr.adminteleservices.platform;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code teleservices.cluster.*}: several nodes on one database. {@code nodeId} empty: host name, process id and a
 * random part; {@code deadAfter}: a node unseen this long is dead and its jobs go to the others; {@code reloadWait}:
 * how long {@code POST /api/analyst/reload} waits for the other nodes to follow.
 */
@Validated
@ConfigurationProperties("teleservices.cluster")
public record ClusterProperties(@NotNull String nodeId,
                                @NotNull @DurationMin(millis = 100) Duration heartbeatEvery,
                                @NotNull @DurationMin(seconds = 1) Duration deadAfter,
                                @NotNull @DurationMin(millis = 0) Duration reloadWait) {
}
