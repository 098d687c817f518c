package fr.adminteleservices.codes;

/** The two kinds of activation code. The names are the values of the {@code kind} columns and of the processes' variable. */
public enum CodeKind {
    /** Code d'Activation Responsable: a guardian's, for one student in one establishment (§4). */
    CAR,
    /** Code d'Activation Élève: a student's (§5). */
    CAE
}
