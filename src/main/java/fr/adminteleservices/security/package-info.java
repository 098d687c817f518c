/**
 * Who may do what. Users, groups and tenants live in Camunda's identity service (one tenant per
 * establishment, one group per role); Spring Security authenticates against it and hands the
 * same session to Tasklist and Cockpit. {@link fr.adminteleservices.security.EstablishmentAccess}
 * scopes every screen and API call to the user's establishment.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sécurité",
        allowedDependencies = {"ratelimit"})
package fr.adminteleservices.security;
