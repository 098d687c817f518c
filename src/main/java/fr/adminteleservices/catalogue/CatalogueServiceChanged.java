package fr.adminteleservices.catalogue;

/**
 * A service of the académie's catalogue was opened, closed, made mandatory or added (published in the
 * catalogue's transaction): establishments apply what it means for them at once (a mandatory service opens).
 */
public record CatalogueServiceChanged(String academyCode, String code) {
}
