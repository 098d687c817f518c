package fr.adminteleservices.accounts;

import fr.adminteleservices.codes.CodeKind;
import fr.adminteleservices.codes.CodeUse;
import fr.adminteleservices.codes.GuardianCodes;
import fr.adminteleservices.opening.ServiceOpened;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.siecle.SiecleImported;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Continuity of access (G7, guide §1.2): a student arriving from another establishment of the
 * académie (same INE) whose account, or whose guardian's account, used a code there, gets a code in
 * the new establishment attached to that account, with its continuity date — the continuity letter
 * then applies (rule letter-variant). Only where a service is open: otherwise as soon as one opens.
 * Runs after the import (or the opening) has committed, in its own transaction: a failure here never
 * undoes an import.
 */
@Component
class ContinuityOfAccess {

    private static final Logger log = LoggerFactory.getLogger(ContinuityOfAccess.class);

    private final ContinuityMapper mapper;
    private final AccountMapper accounts;
    private final GuardianCodes guardianCodes;
    private final CodeUse codes;
    private final ServiceOpening opening;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    ContinuityOfAccess(ContinuityMapper mapper, AccountMapper accounts, GuardianCodes guardianCodes, CodeUse codes,
                       ServiceOpening opening, PlatformTransactionManager transactions, Clock clock) {
        this.mapper = mapper;
        this.accounts = accounts;
        this.guardianCodes = guardianCodes;
        this.codes = codes;
        this.opening = opening;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void afterImport(SiecleImported imported) {
        sweep(imported.uai());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void afterOpening(ServiceOpened opened) {
        sweep(opened.uai());
    }

    /** Attaches the establishment's codes to the accounts that continue there; returns how many were attached. */
    int sweep(String uai) {
        if (opening.openServices(uai).isEmpty()) {
            return 0;
        }
        try {
            Integer attached = ownTransaction.execute(t -> attach(uai));
            if (attached != null && attached > 0) {
                log.info("Continuity of access in {}: {} code(s) attached to existing accounts", uai, attached);
            }
            return attached == null ? 0 : attached;
        } catch (RuntimeException e) {
            log.warn("Continuity of access in {} failed, will be tried again at the next import or opening: {}", uai, e.toString());
            return 0;
        }
    }

    private int attach(String uai) {
        LocalDate today = LocalDate.now(clock);
        int attached = 0;
        for (ContinuityMapper.StudentContinuity s : mapper.findStudentAccounts(uai, today)) {
            accounts.attachCode(s.accountId(), CodeKind.CAE, s.codeId(), uai, s.studentId(), clock.instant());
            codes.markContinuity(CodeKind.CAE, s.codeId(), today);
            codes.markUsed(CodeKind.CAE, s.codeId());
            attached++;
        }
        for (ContinuityMapper.GuardianContinuity g : mapper.findGuardianAccounts(uai, today)) {
            Long code = mapper.findValidCar(g.linkId());
            if (code == null) {
                // the couple gets its CAR now (unless refused: then nothing continues)
                guardianCodes.generate(uai, List.of(g.linkId()), false, null, null, "continuité d'accès");
                code = mapper.findValidCar(g.linkId());
            }
            if (code == null || accounts.findAccountOfCode(CodeKind.CAR, code) != null) {
                continue;
            }
            accounts.attachCode(g.accountId(), CodeKind.CAR, code, uai, g.studentId(), clock.instant());
            codes.markContinuity(CodeKind.CAR, code, today);
            codes.markUsed(CodeKind.CAR, code);
            attached++;
        }
        return attached;
    }
}
