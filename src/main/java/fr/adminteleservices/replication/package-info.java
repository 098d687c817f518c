/**
 * The replication (§1.5, R1–R3): every night, and on demand, the téléservices side (tables
 * {@code ts_*}) is rebuilt from the administrative side, establishment by establishment, with
 * set-based SQL. Parents and students read only the téléservices side, so they see data one day old.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Réplication",
        allowedDependencies = {"security", "settings"})
package fr.adminteleservices.replication;
