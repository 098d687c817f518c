package fr.adminteleservices.security;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Deletes the sessions past their idle timeout from {@code SPRING_SESSION} every minute, on one node of the
 * cluster at a time (Spring Session's own task, which every node would run, is off: cleanup-cron "-"). A session
 * past its timeout is refused by every node at once, deleted or not: this only keeps the table small.
 */
@Component
class ExpiredSessions {

    private final ObjectProvider<JdbcIndexedSessionRepository> sessions;

    ExpiredSessions(ObjectProvider<JdbcIndexedSessionRepository> sessions) {
        this.sessions = sessions;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${teleservices.sessions.cleanup-every}")
    @SchedulerLock(name = "expired-sessions", lockAtLeastFor = "PT30S", lockAtMostFor = "PT10M")
    public void delete() {
        // absent when sessions are the container's (the MockMvc tests)
        sessions.ifAvailable(JdbcIndexedSessionRepository::cleanUpExpiredSessions);
    }
}
