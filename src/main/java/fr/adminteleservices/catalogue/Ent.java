package fr.adminteleservices.catalogue;

/** An Espace Numérique de Travail defined by the académie; establishments choose among them (S2). */
public record Ent(long id, String name, String url) {
}
