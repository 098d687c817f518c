package fr.adminteleservices.home;

import java.util.List;

/** The menu of the user guide: every entry is a built screen of the establishment. */
public record MenuEntry(String key, String label, String path, String guideSection, String description) {

    static final List<MenuEntry> ESTABLISHMENT_MENU = List.of(
            new MenuEntry("accueil", "Accueil", "", "§3.1", ""),
            new MenuEntry("ouverture", "Ouverture / fermeture", "ouverture", "§3.1",
                    "Déclarer l'utilisation des téléservices, puis ouvrir et fermer chacun d'eux."),
            new MenuEntry("parametrage", "Paramétrage", "parametrage", "§3.2",
                    "Message d'accueil, ENT et courrier de notification, lien de contact, liens utiles, notes, LPC."),
            new MenuEntry("responsables", "Accès des responsables", "responsables", "§4",
                    "Créer les codes en masse, notifier en masse, gérer le code d'un couple élève / responsable."),
            new MenuEntry("eleves-acces", "Accès des élèves", "acces-eleves", "§5",
                    "Notifier les codes élèves en masse, gérer le code d'un élève."),
            new MenuEntry("statistiques", "Statistiques", "statistiques", "§6",
                    "Synthèses des codes élèves, des codes responsables et des accès aux téléservices."),
            new MenuEntry("teleinscription", "Téléinscription", "teleinscription", "§7",
                    "Options éligibles en seconde et suivi de la téléinscription."),
            new MenuEntry("eleves", "Élèves et responsables", "eleves", "", ""),
            new MenuEntry("imports", "Importer les exports SIECLE", "imports", "", ""));
}
