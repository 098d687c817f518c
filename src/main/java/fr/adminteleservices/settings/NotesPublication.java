package fr.adminteleservices.settings;

import java.util.List;

public record NotesPublication(PublicationMode mode, List<DueDate> dueDates) {

    public NotesPublication {
        dueDates = dueDates == null ? List.of() : List.copyOf(dueDates);
    }

    static NotesPublication daily() {
        return new NotesPublication(PublicationMode.DAILY, List.of());
    }
}
