package fr.adminteleservices.opening;

/** A service was opened in an establishment (published in the opening's transaction). */
public record ServiceOpened(String uai, String code) {
}
