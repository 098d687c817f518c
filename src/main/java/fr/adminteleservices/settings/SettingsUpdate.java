package fr.adminteleservices.settings;

import java.util.List;

/**
 * A change of settings: only the fields present change ({@code null} = unchanged; an empty welcome
 * message removes it). {@code confirmDueDatesLoss} must be true to switch from due dates to daily publication.
 */
public record SettingsUpdate(
        String welcomeMessage,
        LetterType letterType,
        Long entId,
        String contactEmail,
        Boolean contactActive,
        List<UsefulLink> usefulLinks,
        NotesPublication notesPublication,
        Integer lpcDelayDays,
        Boolean confirmDueDatesLoss) {

    public static SettingsUpdate welcomeMessage(String html) {
        return new SettingsUpdate(html, null, null, null, null, null, null, null, null);
    }

    public static SettingsUpdate letter(LetterType type, Long entId) {
        return new SettingsUpdate(null, type, entId, null, null, null, null, null, null);
    }

    public static SettingsUpdate contact(String email, boolean active) {
        return new SettingsUpdate(null, null, null, email, active, null, null, null, null);
    }

    public static SettingsUpdate usefulLinks(List<UsefulLink> links) {
        return new SettingsUpdate(null, null, null, null, null, links, null, null, null);
    }

    public static SettingsUpdate notes(NotesPublication publication, boolean confirmDueDatesLoss) {
        return new SettingsUpdate(null, null, null, null, null, null, publication, null, confirmDueDatesLoss);
    }

    public static SettingsUpdate lpcDelay(int days) {
        return new SettingsUpdate(null, null, null, null, null, null, null, days, null);
    }
}
