package fr.adminteleservices.platform;

import java.time.Clock;
import java.time.ZoneId;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The clock, and Spring's scheduled tasks. A task marked {@code @SchedulerLock} (purges, sweeps) runs on one node
 * of the cluster at a time: ShedLock's row in table {@code shedlock}, timed by the database's clock so that the
 * nodes' clocks need not agree. The heartbeat ({@link ClusterRules#follow}) runs on every node, unlocked.
 */
@Configuration
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT30M")
class PlatformConfig {

    /** French schools live on Paris time; tests move the engine's clock (ClockUtil) to move days forward. */
    @Bean
    Clock clock() {
        return new EngineClock(ZoneId.of("Europe/Paris"));
    }

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
    }
}
