package fr.adminteleservices.settings;

import java.time.LocalDate;
import java.util.List;

/**
 * The settings of one establishment from {@code effectiveFrom} on. {@code welcomeMessage} is already
 * cleaned HTML. Before any change, {@link #defaults} apply (effectiveFrom is then null).
 */
public record Settings(
        String uai,
        LocalDate effectiveFrom,
        String welcomeMessage,
        LetterType letterType,
        Long entId,
        String contactEmail,
        boolean contactActive,
        List<UsefulLink> usefulLinks,
        NotesPublication notesPublication,
        int lpcDelayDays) {

    public static final int DEFAULT_LPC_DELAY = 8;

    public Settings {
        usefulLinks = usefulLinks == null ? List.of() : List.copyOf(usefulLinks);
    }

    /** §3.2: "Téléservice seul", publication "au fil de l'eau", LPC delay of 8 days, no contact link. */
    public static Settings defaults(String uai) {
        return new Settings(uai, null, null, LetterType.TELESERVICES, null, null, false, List.of(), NotesPublication.daily(),
                DEFAULT_LPC_DELAY);
    }
}
