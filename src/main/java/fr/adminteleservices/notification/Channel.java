package fr.adminteleservices.notification;

/** How a code's holder is notified (rule D2, {@code rules/notification-channel.drl}). */
public enum Channel {
    /** By e-mail, to the address known in SIECLE (guardians only). */
    EMAIL,
    /** By paper letter, printed by the establishment. */
    PAPER,
    /** Not notified: the head must change the choices first. */
    NONE
}
