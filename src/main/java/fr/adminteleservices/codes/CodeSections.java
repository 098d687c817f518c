package fr.adminteleservices.codes;

import java.util.List;

/**
 * The side menus of « Accès des responsables » (§4) and « Accès des élèves » (§5), in the guide's order. The
 * notification feature's « Notifier en masse » sits in both, so both features read them here.
 */
public final class CodeSections {

    /** One entry: the page's path under the section, and its name. */
    public record Page(String slug, String label) {
    }

    public static final List<Page> GUARDIANS = List.of(
            new Page("creation", "Créer les codes en masse"),
            new Page("notification", "Notifier en masse"),
            new Page("couples", "Gérer le code pour un couple"));

    public static final List<Page> STUDENTS = List.of(
            new Page("notification", "Notifier en masse"),
            new Page("codes", "Gérer le code pour un élève"));

    private CodeSections() {
    }
}
