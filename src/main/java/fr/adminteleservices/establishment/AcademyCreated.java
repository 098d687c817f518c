package fr.adminteleservices.establishment;

/** Published in the transaction that creates an académie, so that its catalogue can be seeded. */
public record AcademyCreated(String academyCode) {
}
