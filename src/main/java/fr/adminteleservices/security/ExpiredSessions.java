package fr.adminteleservices.security;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Deletes the sessions past their idle timeout from {@code SPRING_SESSION} every minute, on one node of the
 * cluster at a time (Spring Session's own task, which every node would run, is off: cleanup-cron "-"). A session
 * past its timeout is refused by every node at once, deleted or not: this only keeps the table small. The feed of
 * session changes ({@link SessionCopies}) loses its rows older than {@link SessionCopies#FEED_KEPT} at the same time.
 */
@Component
class ExpiredSessions {

    private final ObjectProvider<JdbcIndexedSessionRepository> sessions;
    private final SessionChangeMapper changes;

    ExpiredSessions(ObjectProvider<JdbcIndexedSessionRepository> sessions, SessionChangeMapper changes) {
        this.sessions = sessions;
        this.changes = changes;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${teleservices.sessions.cleanup-every}")
    @SchedulerLock(name = "expired-sessions", lockAtLeastFor = "PT30S", lockAtMostFor = "PT10M")
    public void delete() {
        // absent when sessions are the container's (the MockMvc tests)
        sessions.ifAvailable(JdbcIndexedSessionRepository::cleanUpExpiredSessions);
        changes.deleteChangesBefore(changes.now().minus(SessionCopies.FEED_KEPT));
    }
}
