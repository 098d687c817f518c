/**
 * Demo académie of the embedded default: a collège 0990001N and a lycée 0990002P, their heads'
 * log-ins, and students and guardians loaded through the real importer from the SIECLE exports
 * shipped in {@code src/main/resources/demo/siecle}. Never active on MariaDB.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Démonstration",
        allowedDependencies = {"accounts", "catalogue", "codes", "consultation", "enrolment", "establishment", "notification", "opening", "replication", "security", "settings", "siecle", "students"})
package fr.adminteleservices.demo;
