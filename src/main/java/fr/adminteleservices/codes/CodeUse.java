package fr.adminteleservices.codes;

import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the portal may do with the codes: find the keyed hash of what a person typed (the value itself
 * is never looked up in clear), and say that an account now uses a code, which ends its lifecycle
 * (no expiry after a year).
 */
@Component
public class CodeUse {

    private final CodeSecrets secrets;
    private final CodeMapper mapper;
    private final CodeLifecycles lifecycles;
    private final Clock clock;

    CodeUse(CodeSecrets secrets, CodeMapper mapper, CodeLifecycles lifecycles, Clock clock) {
        this.secrets = secrets;
        this.mapper = mapper;
        this.lifecycles = lifecycles;
        this.clock = clock;
    }

    /** The keyed hash of a typed code, or empty when what was typed cannot be a code. */
    public Optional<String> lookupHash(String typed) {
        CodeValue value = CodeValue.parse(typed);
        return value == null ? Optional.empty() : Optional.of(secrets.lookupHash(value));
    }

    /** G7: the code was attached to an existing account by continuity of access, on that day (kept if already set). */
    @Transactional
    public void markContinuity(CodeKind kind, long codeId, java.time.LocalDate on) {
        if (kind == CodeKind.CAE) {
            mapper.markStudentCodeContinuity(codeId, on);
        } else {
            mapper.markGuardianCodeContinuity(codeId, on);
        }
    }

    /** An account was confirmed with this code: the code is "Utilisé" and its lifecycle ends. */
    @Transactional
    public void markUsed(CodeKind kind, long codeId) {
        if (kind == CodeKind.CAE) {
            mapper.markStudentCodeUsed(codeId, clock.instant());
            lifecycles.caeUsed(codeId);
        } else {
            mapper.markGuardianCodeUsed(codeId, clock.instant());
            lifecycles.carUsed(codeId);
        }
    }
}
