package fr.adminteleservices.students;

/** Counts shown on the home page. */
public record Population(int students, int studentsPresent, int guardians, int legalGuardians, int divisions) {
}
