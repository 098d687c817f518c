/**
 * Students and their guardians as the establishment sees them: by division and MEF, with the
 * guardians' legal rank (only legal guardians 1 and 2 may receive a CAR). Read-only: SIECLE is the
 * source, the import writes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Élèves et responsables",
        allowedDependencies = {"establishment", "platform"})
package fr.adminteleservices.students;
