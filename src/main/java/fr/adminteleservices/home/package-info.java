/**
 * The admin screens' frame: log-in page, home pages (académie and establishment) and the menu of the
 * user guide.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accueil",
        allowedDependencies = {"demo", "establishment", "mail", "opening", "security", "siecle", "students"})
package fr.adminteleservices.home;
