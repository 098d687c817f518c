package fr.adminteleservices.codes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How the notification feature says that codes were handed over (C2, C3, E2, E3): only this feature writes the
 * code tables. A plain call, not an event handled after commit: the codes' « Date de notification » is written in
 * the transaction that records the printed letters or the sent e-mail, so that it exists exactly when they do
 * (issue 17) — an after-commit listener could lose it in a crash between the two transactions.
 */
@Component
public class CodeNotices {

    /** Ids per statement: a lycée's 7,000 letters make a handful of updates, not one over-long IN list. */
    private static final int PER_STATEMENT = 1000;

    private final CodeMapper mapper;

    CodeNotices(CodeMapper mapper) {
        this.mapper = mapper;
    }

    /** These codes were notified on that day; joins the caller's transaction, which must exist. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void notified(CodeKind kind, Collection<Long> codeIds, LocalDate on) {
        List<Long> ids = new ArrayList<>(codeIds);
        for (int from = 0; from < ids.size(); from += PER_STATEMENT) {
            mapper.markNotified(kind, ids.subList(from, Math.min(from + PER_STATEMENT, ids.size())), on);
        }
    }
}
