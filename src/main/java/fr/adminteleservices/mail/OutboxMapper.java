package fr.adminteleservices.mail;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface OutboxMapper {

    /** Inserts unless a message with the same pending key waits; returns the rows inserted (0 or 1). */
    int insert(@Param("m") OutgoingMail mail, @Param("at") Instant at);

    List<OutboxRow> findPending(@Param("batchId") String batchId, @Param("limit") int limit);

    int markSent(@Param("id") long id, @Param("at") Instant at);

    int markAbandoned(@Param("id") long id, @Param("state") String state, @Param("error") String error);

    int recordAttempt(@Param("ids") List<Long> ids, @Param("error") String error);

    int countPending(@Param("batchId") String batchId);

    int countInBatch(@Param("batchId") String batchId, @Param("template") String template);

    record OutboxRow(long id, String batchId, String template, String reference, String recipient, String senderName,
                     int attempts) {
    }
}
