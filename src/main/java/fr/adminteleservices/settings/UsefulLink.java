package fr.adminteleservices.settings;

/** S4: a link on the portal home, shown in creation order. */
public record UsefulLink(String title, String url) {
}
