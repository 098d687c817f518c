package fr.adminteleservices.mail;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface OutboxMapper {

    /** Inserts unless a message with the same pending key waits; returns the rows inserted (0 or 1). */
    int insert(@Param("m") OutgoingMail mail, @Param("at") Instant at);

    /** Waiting messages of the batch that no execution claims (or whose claim ran out). */
    List<OutboxRow> findClaimable(@Param("batchId") String batchId, @Param("now") Instant now, @Param("limit") int limit);

    /** Claims a waiting message for one sender until {@code until}; returns 1 when this sender got it. */
    int claim(@Param("id") long id, @Param("owner") String owner, @Param("now") Instant now, @Param("until") Instant until);

    int markSent(@Param("id") long id, @Param("at") Instant at);

    int markAbandoned(@Param("id") long id, @Param("state") String state, @Param("error") String error);

    int recordAttempt(@Param("id") long id, @Param("error") String error);

    int countPending(@Param("batchId") String batchId);

    int countInBatch(@Param("batchId") String batchId, @Param("template") String template);

    record OutboxRow(long id, String batchId, String template, String reference, String recipient, String senderName,
                     int attempts) {
    }
}
