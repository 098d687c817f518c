package fr.adminteleservices.settings;

/** A change that needs a decision first (409): losing the due dates, or a service that is closed. */
public class SettingsConflict extends RuntimeException {

    private final boolean dueDatesLoss;

    SettingsConflict(String message, boolean dueDatesLoss) {
        super(message);
        this.dueDatesLoss = dueDatesLoss;
    }

    public boolean dueDatesLoss() {
        return dueDatesLoss;
    }
}
