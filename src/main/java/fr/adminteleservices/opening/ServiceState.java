package fr.adminteleservices.opening;

/**
 * One téléservice as an establishment sees it. {@code offered}: open in the académie and the
 * establishment uses the matching SIECLE module; {@code reason} says why not, in French.
 */
public record ServiceState(String code, String label, boolean national, String url, boolean offered, boolean open,
                           boolean mandatory, String reason) {
}
