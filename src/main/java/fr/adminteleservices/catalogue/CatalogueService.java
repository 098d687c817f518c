package fr.adminteleservices.catalogue;

import fr.adminteleservices.establishment.SiecleModule;

/**
 * A téléservice of the académie's catalogue: national (code of {@link NationalService}) or academic
 * (code chosen by the académie, e.g. {@code CAHIER_TEXTES}). {@code siecleModule} is null for academic services.
 */
public record CatalogueService(String code, boolean national, String label, String url, SiecleModule siecleModule,
                               boolean openInAcademy, boolean mandatory, int position) {
}
