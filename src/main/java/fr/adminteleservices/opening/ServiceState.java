package fr.adminteleservices.opening;

/**
 * One téléservice as an establishment sees it. {@code offered}: open in the académie and the
 * establishment uses the matching SIECLE module; {@code reason} says why not, in French.
 * {@code chosenOpen}: the establishment's own choice, kept while the service is not offered, so that
 * a service the académie closes and reopens comes back as the head left it.
 */
public record ServiceState(String code, String label, boolean national, String url, boolean offered, boolean open,
                           boolean mandatory, String reason, boolean chosenOpen) {
}
