package fr.adminteleservices.notification;

import fr.adminteleservices.notification.letters.Letter;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Fact and decision of {@code rules/letter-variant.drl} (D3, guide §4.2 and §5.2): does this
 * notification use the normal letter (with the code) or the continuity-of-access letter, and why?
 * {@code continuityOn} is the date of continuity of access of the code (null when there is none);
 * {@code continuityPending} says the holder will get continuity of access (reserved, usually false).
 * Rules decide once ({@code decided}).
 */
public class LetterVariantChoice {

    private final LocalDate continuityOn;
    private final LocalDate schoolYearStart;
    private final boolean continuityLetterSent;
    private final boolean continuityPending;

    private boolean decided;
    private Letter.Variant variant;
    private String reason;

    public LetterVariantChoice(LocalDate continuityOn, LocalDate schoolYearStart, boolean continuityLetterSent,
            boolean continuityPending) {
        this.continuityOn = continuityOn;
        this.schoolYearStart = Objects.requireNonNull(schoolYearStart, "schoolYearStart");
        this.continuityLetterSent = continuityLetterSent;
        this.continuityPending = continuityPending;
    }

    public void normal(String why) {
        decide(Letter.Variant.NORMAL, why);
    }

    public void continuity(String why) {
        decide(Letter.Variant.CONTINUITY, why);
    }

    private void decide(Letter.Variant variant, String why) {
        this.decided = true;
        this.variant = variant;
        this.reason = why;
    }

    public LocalDate getContinuityOn() {
        return continuityOn;
    }

    public LocalDate getSchoolYearStart() {
        return schoolYearStart;
    }

    public boolean isContinuityLetterSent() {
        return continuityLetterSent;
    }

    public boolean isContinuityPending() {
        return continuityPending;
    }

    public boolean isDecided() {
        return decided;
    }

    public Letter.Variant getVariant() {
        return variant;
    }

    public String getReason() {
        return reason;
    }
}
