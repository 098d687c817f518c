package fr.adminteleservices.enrolment;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * I1: the téléinscription is active from the day the assignment results are published (set by the
 * académie for the current school year) to the last day of that school year, both included.
 */
public record EnrolmentWindow(int startYear, LocalDate opensOn, LocalDate endsOn, State state) {

    private static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    public enum State { NOT_SET, NOT_YET_OPEN, OPEN, CLOSED }

    static EnrolmentWindow of(int startYear, LocalDate opensOn, LocalDate endsOn, LocalDate today) {
        State state = opensOn == null ? State.NOT_SET
                : today.isBefore(opensOn) ? State.NOT_YET_OPEN
                : today.isAfter(endsOn) ? State.CLOSED : State.OPEN;
        return new EnrolmentWindow(startYear, opensOn, endsOn, state);
    }

    public boolean open() {
        return state == State.OPEN;
    }

    /** What the menu says when it is not active. */
    public String message() {
        return switch (state) {
            case NOT_SET -> "La téléinscription n'est pas encore active : l'académie n'a pas encore fixé la date de publication "
                    + "des résultats de l'affectation.";
            case NOT_YET_OPEN -> "La téléinscription ouvrira le " + FRENCH.format(opensOn)
                    + ", à la publication des résultats de l'affectation.";
            case OPEN -> "La téléinscription est ouverte jusqu'au " + FRENCH.format(endsOn) + ", fin de l'année scolaire.";
            case CLOSED -> "La téléinscription est close depuis la fin de l'année scolaire, le " + FRENCH.format(endsOn) + ".";
        };
    }
}
