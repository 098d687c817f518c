package fr.adminteleservices.security;

import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/**
 * The feed of session changes ({@code session_change}) that keeps every node's copies of the sessions true. Times
 * are the database's clock, the one clock every node shares.
 */
@Mapper
interface SessionChangeMapper {

    /** The database's time now. */
    LocalDateTime now();

    /** Records that these sessions' content changed or ended, at the database's time. */
    void insertChanges(@Param("sessionIds") List<String> sessionIds);

    /** The sessions changed at or after {@code since} (database time). */
    List<String> findChangedSince(@Param("since") LocalDateTime since);

    /**
     * Writes a session's last access (and its expiry, that access plus its idle timeout) unless a later access is
     * stored already; 1 if written. Spring Session's own table, as its repository would write it.
     */
    int touchSession(@Param("sessionId") String sessionId, @Param("at") long at);

    /** Forgets the changes older than {@code before}: every node has read them long ago. */
    int deleteChangesBefore(@Param("before") LocalDateTime before);
}
