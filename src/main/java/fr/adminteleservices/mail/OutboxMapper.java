package fr.adminteleservices.mail;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface OutboxMapper {

    /** Inserts unless a message with the same pending key waits; returns the rows inserted (0 or 1). */
    int insert(@Param("m") OutgoingMail mail, @Param("at") Instant at);

    /** Waiting messages of the batch that no other execution claims (or whose claim ran out). */
    List<OutboxRow> findClaimable(@Param("batchId") String batchId, @Param("owner") String owner, @Param("now") Instant now,
                                  @Param("limit") int limit);

    /** Claims those of these messages still waiting and free (or already this owner's) for one sender until {@code until}. */
    int claim(@Param("ids") List<Long> ids, @Param("owner") String owner, @Param("now") Instant now, @Param("until") Instant until);

    /** Of these messages, those waiting that the owner claims. */
    List<Long> findClaimedBy(@Param("ids") List<Long> ids, @Param("owner") String owner);

    /** Gives back the owner's claims of these messages, still waiting. */
    int release(@Param("ids") List<Long> ids, @Param("owner") String owner);

    int markSent(@Param("id") long id, @Param("at") Instant at);

    int markAbandoned(@Param("id") long id, @Param("state") String state, @Param("error") String error);

    int recordAttempt(@Param("id") long id, @Param("error") String error);

    int countPending(@Param("batchId") String batchId);

    int countInBatch(@Param("batchId") String batchId, @Param("template") String template);

    record OutboxRow(long id, String batchId, String template, String reference, String recipient, String senderName,
                     int attempts) {
    }
}
