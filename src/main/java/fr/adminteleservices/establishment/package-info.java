/**
 * Establishments (EPLE) of the académie, the académie itself and its school years: who they are,
 * where they are, which SIECLE modules they use. Each establishment is a Camunda tenant.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Établissements",
        allowedDependencies = {"security"})
package fr.adminteleservices.establishment;
