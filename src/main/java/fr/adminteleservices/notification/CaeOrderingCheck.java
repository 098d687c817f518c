package fr.adminteleservices.notification;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Fact and decision of {@code rules/cae-ordering.drl} (D4, G8, guide §1.3): may a student's CAE be
 * notified on {@code notificationDate}, given the notification of the guardians' CARs? A student
 * under 18 waits for the guardians; a student whose access was removed gets no letter. Rules decide
 * once ({@code decided}).
 */
public class CaeOrderingCheck {

    private final LocalDate birthDate;
    private final LocalDate notificationDate;
    private final List<GuardianNotice> guardians;
    private final boolean accessRemoved;

    private boolean decided;
    private boolean allowed;
    private String reason;

    public CaeOrderingCheck(LocalDate birthDate, LocalDate notificationDate, List<GuardianNotice> guardians) {
        this(birthDate, notificationDate, guardians, false);
    }

    /** {@code accessRemoved}: the head recorded the coupon « pour l'élève » (E3): no national téléservice for them. */
    public CaeOrderingCheck(LocalDate birthDate, LocalDate notificationDate, List<GuardianNotice> guardians, boolean accessRemoved) {
        this.birthDate = Objects.requireNonNull(birthDate, "birthDate");
        this.notificationDate = Objects.requireNonNull(notificationDate, "notificationDate");
        this.guardians = guardians == null ? List.of() : List.copyOf(guardians);
        this.accessRemoved = accessRemoved;
    }

    public void allow(String why) {
        decide(true, why);
    }

    public void block(String why) {
        decide(false, why);
    }

    private void decide(boolean allowed, String why) {
        this.decided = true;
        this.allowed = allowed;
        this.reason = why;
    }

    /**
     * Under 18 on the notification date: adult from the 18th birthday included. Born on 29 February,
     * the student comes of age on 1 March of a non-leap year (full years, as {@link ChronoUnit#YEARS}).
     */
    public boolean isMinor() {
        return ChronoUnit.YEARS.between(birthDate, notificationDate) < 18;
    }

    public LocalDate getBirthDate() {
        return birthDate;
    }

    public LocalDate getNotificationDate() {
        return notificationDate;
    }

    public List<GuardianNotice> getGuardians() {
        return guardians;
    }

    public boolean isAccessRemoved() {
        return accessRemoved;
    }

    public boolean isDecided() {
        return decided;
    }

    public boolean isAllowed() {
        return allowed;
    }

    public String getReason() {
        return reason;
    }
}
