/**
 * Notifying codes (§4.2, §4.3, §5.1, §5.2): mass and individual notification of CARs (e-mail and/or
 * paper) and CAEs (paper), decided by the rules {@code notification-channel}, {@code letter-variant}
 * and {@code cae-ordering}; letters rendered by Apache FOP from the XSL-FO templates of
 * {@code templates/notification/letters/}; e-mails from {@code templates/notification/mail/}, sent through the outbox
 * of the mail module. A mass notification is a job run by {@code processes/code-notification.bpmn}, with its
 * progress and summary: one class per step (previews, requests, decisions, letters, e-mails, following a job).
 * The codes' « Date de notification » is written by the codes feature ({@link fr.adminteleservices.codes.CodeNotices}),
 * in the transaction that records the letter or the e-mail.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notification des codes",
        allowedDependencies = {"catalogue", "codes", "establishment", "mail", "opening", "platform", "security", "settings"})
package fr.adminteleservices.notification;
