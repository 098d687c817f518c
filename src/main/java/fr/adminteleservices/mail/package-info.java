/**
 * E-mail (§4.2, C4, C5): an outbox written in the same transaction as the decision to send, a sender
 * that composes each message when it sends it (so no code value is ever stored), retries when the
 * SMTP server is down and never sends a message twice once it is recorded as sent. On the embedded
 * default, an SMTP server inside the app (GreenMail) and a page where demo users read what it got.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Courriels",
        allowedDependencies = {"security"})
package fr.adminteleservices.mail;
