package fr.adminteleservices.settings;

import java.time.LocalDate;

/** S5: grades of a division published up to this date become visible once it has come. */
public record DueDate(String mef, String division, LocalDate date) {
}
