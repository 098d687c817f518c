/**
 * The admin screens' frame: log-in page, home pages (académie and establishment), the menu of the
 * user guide, and plain pages for the menu entries whose feature is not built yet.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accueil",
        allowedDependencies = {"establishment", "opening", "security", "siecle", "students"})
package fr.adminteleservices.home;
