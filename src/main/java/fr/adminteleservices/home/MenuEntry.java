package fr.adminteleservices.home;

import java.util.List;

/**
 * The menu of the user guide. {@code available} false shows the entry with an « à venir » badge, for a feature not
 * built yet (every entry is built today).
 */
public record MenuEntry(String key, String label, String path, boolean available, String guideSection, String description) {

    static final List<MenuEntry> ESTABLISHMENT_MENU = List.of(
            new MenuEntry("accueil", "Accueil", "", true, "§3.1", ""),
            new MenuEntry("ouverture", "Ouverture / fermeture", "ouverture", true, "§3.1",
                    "Déclarer l'utilisation des téléservices, puis ouvrir et fermer chacun d'eux."),
            new MenuEntry("parametrage", "Paramétrage", "parametrage", true, "§3.2",
                    "Message d'accueil, ENT et courrier de notification, lien de contact, liens utiles, notes, LPC."),
            new MenuEntry("responsables", "Accès des responsables", "responsables", true, "§4",
                    "Créer les codes en masse, notifier en masse, gérer le code d'un couple élève / responsable."),
            new MenuEntry("eleves-acces", "Accès des élèves", "acces-eleves", true, "§5",
                    "Notifier les codes élèves en masse, gérer le code d'un élève."),
            new MenuEntry("statistiques", "Statistiques", "statistiques", true, "§6",
                    "Synthèses des codes élèves, des codes responsables et des accès aux téléservices."),
            new MenuEntry("teleinscription", "Téléinscription", "teleinscription", true, "§7",
                    "Options éligibles en seconde et suivi de la téléinscription."),
            new MenuEntry("eleves", "Élèves et responsables", "eleves", true, "", ""),
            new MenuEntry("imports", "Importer les exports SIECLE", "imports", true, "", ""));
}
