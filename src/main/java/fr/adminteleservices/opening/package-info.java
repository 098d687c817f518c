/**
 * Opening and closing the téléservices (§3.1, O1–O5): the establishment declares that it uses them,
 * then opens and closes each service the académie offers and its SIECLE modules allow.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ouverture / fermeture",
        allowedDependencies = {"catalogue", "establishment", "security"})
package fr.adminteleservices.opening;
