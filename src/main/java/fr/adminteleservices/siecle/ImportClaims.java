package fr.adminteleservices.siecle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One import at a time per establishment, across nodes (issue 17, point 6): a row claimed in a short
 * transaction of its own. A second import is refused at once (409) instead of waiting for the
 * establishment's row lock with a database connection held. A claim left by a crashed node is taken
 * over after {@code teleservices.siecle.claim-expiry}.
 */
@Component
class ImportClaims {

    private final SiecleImportMapper mapper;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final Duration expiry;

    ImportClaims(SiecleImportMapper mapper, PlatformTransactionManager transactions, Clock clock,
                 SiecleProperties properties) {
        this.mapper = mapper;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.expiry = properties.claimExpiry();
    }

    /** The establishment's claim, to release with {@code close()}; refused with 409 while another import runs. */
    Claim claim(String uai) {
        String owner = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Boolean claimed = ownTransaction.execute(t -> {
            try {
                return mapper.claimImport(uai, owner, now) == 1;
            } catch (DuplicateKeyException running) {
                return mapper.takeOverStaleClaim(uai, owner, now, now.minus(expiry)) == 1;
            }
        });
        if (!Boolean.TRUE.equals(claimed)) {
            throw new ImportRunningException();
        }
        return new Claim(uai, owner);
    }

    final class Claim implements AutoCloseable {
        private final String uai;
        private final String owner;

        private Claim(String uai, String owner) {
            this.uai = uai;
            this.owner = owner;
        }

        @Override
        public void close() {
            ownTransaction.executeWithoutResult(t -> mapper.releaseClaim(uai, owner));
        }
    }

    /** 409: another import of the establishment is running. */
    static class ImportRunningException extends RuntimeException {
        ImportRunningException() {
            super("Un import est en cours pour cet établissement : attendez qu'il se termine, puis déposez de nouveau "
                    + "vos fichiers si besoin.", null, false, false);
        }
    }
}
