package fr.adminteleservices.siecle;

import java.util.ArrayList;
import java.util.List;

/**
 * What the features that follow an import did to activation codes in its transaction (filled by the
 * listeners of {@link SiecleImported}), so that the import's report can say it (issue 14, point 7).
 */
public final class CodeEffects {

    public static final String CAE_CREATED = "CAE_CREATED";
    public static final String CAE_INVALIDATED = "CAE_INVALIDATED";
    public static final String CAR_INVALIDATED = "CAR_INVALIDATED";

    record Effect(String effect, long studentId, Long guardianId, String reason) {
    }

    private final List<Effect> effects = new ArrayList<>();

    public void caeCreated(long studentId) {
        effects.add(new Effect(CAE_CREATED, studentId, null, null));
    }

    public void caeInvalidated(long studentId, String reason) {
        effects.add(new Effect(CAE_INVALIDATED, studentId, null, reason));
    }

    public void carInvalidated(long studentId, long guardianId, String reason) {
        effects.add(new Effect(CAR_INVALIDATED, studentId, guardianId, reason));
    }

    List<Effect> all() {
        return effects;
    }
}
