/**
 * Token buckets (Bucket4j) kept in the application's database, so that every node of a cluster counts the same
 * attempts: activation attempts on the portal, log-ins of administrators and families, password-reset requests.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Limites de débit partagées",
        allowedDependencies = {})
package fr.adminteleservices.ratelimit;
