package fr.adminteleservices.mail;

/**
 * A message to send: {@code template} (a {@link MailTemplate}'s name) composes it from
 * {@code reference} when it is sent. {@code pendingKey}, if set, allows only one waiting message
 * for the same thing (e.g. one code's notification), whatever the batch.
 */
public record OutgoingMail(String batchId, String template, String reference, String recipient, String senderName,
                           String pendingKey) {
}
