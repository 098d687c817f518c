package fr.adminteleservices.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Single-use links: 256 random bits, given once in an e-mail; only their SHA-256 is stored. Their
 * delays are in the processes (7 days to confirm, a day to reset); the row's own expiry is a safety
 * net should the job executor stop.
 */
@Component
class AccountTokens {

    static final String CONFIRM = "CONFIRM";
    static final String RESET = "RESET";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration SAFETY_NET = Duration.ofDays(8);

    private final AccountMapper mapper;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    AccountTokens(AccountMapper mapper, Clock clock, PlatformTransactionManager transactions) {
        this.mapper = mapper;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * A new link for the account, committed at once: it is created while its e-mail is being
     * composed, and must exist as soon as the e-mail has left, whatever happens to the sending job.
     */
    String create(long accountId, String purpose) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var now = clock.instant();
        ownTransaction.executeWithoutResult(t -> mapper.insertToken(hash(token), accountId, purpose, now, now.plus(SAFETY_NET)));
        return token;
    }

    /** The link's row while it can be used. */
    Optional<AccountMapper.TokenRow> find(String token, String purpose) {
        if (token == null || token.length() < 20 || token.length() > 100) {
            return Optional.empty();
        }
        AccountMapper.TokenRow row = mapper.findToken(hash(token));
        if (row == null || !row.purpose().equals(purpose) || row.usedAt() != null || !row.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(row);
    }

    /** Uses the link once; empty when it cannot be used (unknown, used, expired). */
    Optional<AccountMapper.TokenRow> use(String token, String purpose) {
        Optional<AccountMapper.TokenRow> row = find(token, purpose);
        if (row.isPresent() && mapper.useToken(row.get().tokenHash(), clock.instant()) == 1) {
            return row;
        }
        return Optional.empty();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
