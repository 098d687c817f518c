package fr.adminteleservices.consultation;

import fr.adminteleservices.settings.PublicationMode;
import fr.adminteleservices.settings.Settings;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Fact and decision of {@code rules/publication-visibility.drl} (D1; S5, S6, R1; guide §1.5, §3.2.5,
 * §3.2.6): is this assessment grade, LPC validation or absence visible to a parent (or student)
 * {@code today}, and why?
 *
 * <p>Replication lag (R1): parents see the téléservices database, copied every night. On day
 * {@code today} they see the data as of the day before ({@link #getDataAsOf()} = today − 1): an item
 * whose effective date is D becomes visible on D + 1. The effective date is the teacher's publication
 * date ("au fil de l'eau"), the division's due date ("à échéance": grades are published at the due
 * date instead of the teacher's date) or the date of the absence. An LPC validation becomes visible on
 * validation date + delay: the delay (2 days at least) counts from the entry and already covers the
 * night's replication, no day is added.
 *
 * <p>Build one with {@link #assessment}, {@link #lpcValidation} or {@link #absence}; the dates of the
 * other kinds are null. Rules decide once ({@code decided}).
 */
public class Publication {

    public enum Kind {
        /** A grade of an assessment (contrôle), téléservice Notes. */
        ASSESSMENT,
        /** A validation of a competence of the Livret Personnel de Compétences, téléservice LPC. */
        LPC_VALIDATION,
        /** An absence, téléservice Absences. */
        ABSENCE
    }

    public static final int MIN_LPC_DELAY_DAYS = 2;
    public static final int MAX_LPC_DELAY_DAYS = 365;

    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final Kind kind;
    private final LocalDate today;
    private final boolean serviceOpen;
    private final LocalDate publishedOn;
    private final PublicationMode notesMode;
    private final LocalDate dueDate;
    private final LocalDate validatedOn;
    private final int lpcDelayDays;
    private final LocalDate absentOn;

    private boolean decided;
    private boolean visible;
    private String reason;

    private Publication(Kind kind, LocalDate today, boolean serviceOpen, LocalDate publishedOn, PublicationMode notesMode,
            LocalDate dueDate, LocalDate validatedOn, int lpcDelayDays, LocalDate absentOn) {
        this.kind = kind;
        this.today = Objects.requireNonNull(today, "today");
        this.serviceOpen = serviceOpen;
        this.publishedOn = publishedOn;
        this.notesMode = notesMode;
        this.dueDate = dueDate;
        this.validatedOn = validatedOn;
        this.lpcDelayDays = lpcDelayDays;
        this.absentOn = absentOn;
    }

    /**
     * A grade (S5). {@code publishedOn}: the publication date the teacher set; {@code notesMode}: the
     * establishment's mode in force; {@code divisionDueDate}: in "à échéance" mode, the due date of the
     * student's division (null when none is set; ignored "au fil de l'eau").
     */
    public static Publication assessment(LocalDate today, boolean notesOpen, LocalDate publishedOn, PublicationMode notesMode,
            LocalDate divisionDueDate) {
        return new Publication(Kind.ASSESSMENT, today, notesOpen, Objects.requireNonNull(publishedOn, "publishedOn"),
                Objects.requireNonNull(notesMode, "notesMode"), divisionDueDate, null, 0, null);
    }

    /** A validation of the LPC (S6), with the establishment's delay in days (2 to 365). */
    public static Publication lpcValidation(LocalDate today, boolean lpcOpen, LocalDate validatedOn, int delayDays) {
        if (delayDays < MIN_LPC_DELAY_DAYS || delayDays > MAX_LPC_DELAY_DAYS) {
            throw new IllegalArgumentException("LPC delay must be from " + MIN_LPC_DELAY_DAYS + " to " + MAX_LPC_DELAY_DAYS
                    + " days: " + delayDays);
        }
        return new Publication(Kind.LPC_VALIDATION, today, lpcOpen, null, null, null,
                Objects.requireNonNull(validatedOn, "validatedOn"), delayDays, null);
    }

    /** A validation of the LPC with the default delay (8 days). */
    public static Publication lpcValidation(LocalDate today, boolean lpcOpen, LocalDate validatedOn) {
        return lpcValidation(today, lpcOpen, validatedOn, Settings.DEFAULT_LPC_DELAY);
    }

    /** An absence on {@code absentOn}. */
    public static Publication absence(LocalDate today, boolean absencesOpen, LocalDate absentOn) {
        return new Publication(Kind.ABSENCE, today, absencesOpen, null, null, null, null, 0,
                Objects.requireNonNull(absentOn, "absentOn"));
    }

    public void visible(String why) {
        decide(true, why);
    }

    public void hidden(String why) {
        decide(false, why);
    }

    private void decide(boolean visible, String why) {
        this.decided = true;
        this.visible = visible;
        this.reason = why;
    }

    /** A date as the reasons print it: dd/MM/yyyy. */
    public String day(LocalDate date) {
        return date == null ? "" : FRENCH_DATE.format(date);
    }

    /** The day after {@code date}, as the reasons print it. */
    public String dayAfter(LocalDate date) {
        return date == null ? "" : day(date.plusDays(1));
    }

    public Kind getKind() {
        return kind;
    }

    public LocalDate getToday() {
        return today;
    }

    /** The date of the data parents see today: the last nightly replication copied everything up to yesterday. */
    public LocalDate getDataAsOf() {
        return today.minusDays(1);
    }

    public boolean isServiceOpen() {
        return serviceOpen;
    }

    public LocalDate getPublishedOn() {
        return publishedOn;
    }

    public PublicationMode getNotesMode() {
        return notesMode;
    }

    public LocalDate getDueDate() {
        return dueDate;
    }

    public LocalDate getValidatedOn() {
        return validatedOn;
    }

    public int getLpcDelayDays() {
        return lpcDelayDays;
    }

    public LocalDate getAbsentOn() {
        return absentOn;
    }

    public boolean isDecided() {
        return decided;
    }

    public boolean isVisible() {
        return visible;
    }

    public String getReason() {
        return reason;
    }
}
