package fr.adminteleservices.notification;

/**
 * One legal guardian of a student, as {@code rules/cae-ordering.drl} (D4) sees it: does the guardian
 * have a valid CAR, did they refuse access (coupon « pour moi-même »), and has that valid CAR been
 * notified? {@code name} is printed in the reason ("Mme DUPONT Anne").
 */
public class GuardianNotice {

    private final String name;
    private final boolean validCar;
    private final boolean refused;
    private final boolean notified;

    public GuardianNotice(String name, boolean validCar, boolean refused, boolean notified) {
        this.name = name;
        this.validCar = validCar;
        this.refused = refused;
        this.notified = notified;
    }

    public String getName() {
        return name;
    }

    public boolean isValidCar() {
        return validCar;
    }

    public boolean isRefused() {
        return refused;
    }

    public boolean isNotified() {
        return notified;
    }
}
