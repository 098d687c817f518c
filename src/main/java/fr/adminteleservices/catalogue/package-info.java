/**
 * The académie's catalogue (§1.1, §3.1): which national and academic téléservices are open at
 * académie level and which are mandatory, its ENTs, and the address of the téléservices.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalogue de l'académie",
        allowedDependencies = {"establishment", "security"})
package fr.adminteleservices.catalogue;
