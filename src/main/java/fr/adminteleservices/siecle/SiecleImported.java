package fr.adminteleservices.siecle;

/**
 * Published inside the import's transaction once the difference is applied: other features follow
 * the students who arrived or left (a CAE for each new student, E1) in the same transaction, and
 * record in {@code codes} what they did to activation codes, for the import's report.
 */
public record SiecleImported(String uai, String importId, String importedBy, CodeEffects codes) {

    public SiecleImported(String uai, String importId, String importedBy) {
        this(uai, importId, importedBy, new CodeEffects());
    }
}
