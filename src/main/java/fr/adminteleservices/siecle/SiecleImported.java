package fr.adminteleservices.siecle;

/**
 * Published inside the import's transaction once the difference is applied: other features follow
 * the students who arrived or left (a CAE for each new student, E1) in the same transaction.
 */
public record SiecleImported(String uai, String importId, String importedBy) {
}
