/**
 * The settings of §3.2 (S1–S6): welcome message, letter type and ENT, contact link, useful links,
 * grades publication, LPC delay. Each change applies from the next day (R2): settings are kept as
 * versions, one per day from which they apply, and the replication copies the one in force.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Paramétrage",
        allowedDependencies = {"catalogue", "establishment", "opening", "security"})
package fr.adminteleservices.settings;
