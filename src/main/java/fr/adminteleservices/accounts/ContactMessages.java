package fr.adminteleservices.accounts;

import fr.adminteleservices.mail.MailTemplate;
import fr.adminteleservices.mail.MailTexts;
import fr.adminteleservices.mail.Outbox;
import fr.adminteleservices.mail.OutgoingMail;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;

/**
 * « Contacter l'établissement » (S3): a guardian (or a student) writes to an establishment of their
 * children whose contact link is active. The establishment receives the message with the writers'
 * names first and the account's e-mail as Reply-To; the account receives a copy that does not show
 * the establishment's address. Sent by {@code processes/contact-establishment.bpmn}, retried when the
 * SMTP server is down; texts in {@code templates/portal/mail/contact-*.txt}.
 */
@Configuration
class ContactMessages {

    static final String PROCESS = "contact-establishment";
    static final String TO_SCHOOL = "contact-establishment";
    static final String COPY = "contact-copy";
    static final int SUBJECT_MAX = 150;
    static final int BODY_MAX = 4000;

    private final ContactMapper mapper;
    private final RuntimeService runtime;
    private final Clock clock;
    private final MailTexts texts = new MailTexts(AccountMails.PORTAL_MAILS);

    ContactMessages(ContactMapper mapper, RuntimeService runtime, Clock clock) {
        this.mapper = mapper;
        this.runtime = runtime;
        this.clock = clock;
    }

    /** A message to insert; {@code id} is set by the database. */
    static class NewMessage {
        public Long id;
        public long accountId;
        public String uai;
        public String subject;
        public String body;
        public String writtenBy;
        public java.time.Instant createdAt;
    }

    /** The establishment's contact, if the account may write to it (one of its children is there, the link is active). */
    Optional<ContactMapper.Contact> contact(Accounts accounts, long accountId, String uai) {
        boolean reaches = accounts.children(accountId).stream().anyMatch(c -> c.accessible() && c.uai().equals(uai));
        ContactMapper.Contact contact = reaches ? mapper.findContact(uai) : null;
        return contact != null && contact.active() && contact.email() != null ? Optional.of(contact) : Optional.empty();
    }

    /** Records the message and starts its sending; throws {@link AccountRefused} with one message per field. */
    @Transactional
    long write(long accountId, String uai, String subject, String body) {
        Map<String, String> errors = new LinkedHashMap<>();
        String s = subject == null ? "" : subject.strip();
        String b = body == null ? "" : body.strip();
        // one line only: a line break in a subject is how headers get injected
        if (s.isEmpty() || s.length() > SUBJECT_MAX || s.chars().anyMatch(c -> c == '\r' || c == '\n' || Character.isISOControl(c))) {
            errors.put("subject", "Indiquez un objet d'une seule ligne, de " + SUBJECT_MAX + " caractères au plus.");
        }
        if (b.isEmpty() || b.length() > BODY_MAX) {
            errors.put("body", "Écrivez votre message (" + BODY_MAX + " caractères au plus).");
        }
        if (!errors.isEmpty()) {
            throw new AccountRefused(errors);
        }
        NewMessage message = new NewMessage();
        message.accountId = accountId;
        message.uai = uai;
        message.subject = s;
        message.body = b;
        List<String> writers = mapper.findWriters(accountId, uai);
        message.writtenBy = String.join(", ", writers.isEmpty() ? List.of("Titulaire du compte") : writers);
        message.createdAt = clock.instant();
        mapper.insert(message);
        runtime.startProcessInstanceByKey(PROCESS, "CONTACT-" + message.id, Map.of("messageId", message.id, "uai", uai));
        return message.id;
    }

    /** "Envoyer le message et sa copie". */
    @Bean
    JavaDelegate contactSender(Outbox outbox) {
        return execution -> {
            long id = ((Number) execution.getVariable("messageId")).longValue();
            ContactMapper.MessageRow m = mapper.find(id);
            String batch = execution.getProcessInstanceId();
            outbox.enqueueAndSend(new OutgoingMail(batch, TO_SCHOOL, Long.toString(id), m.contactEmail(), abbreviate("Téléservices — " + m.writtenBy()),
                    TO_SCHOOL + "-" + id));
            outbox.enqueueAndSend(new OutgoingMail(batch, COPY, Long.toString(id), m.accountEmail(), m.establishmentName(), COPY + "-" + id));
        };
    }

    private static String abbreviate(String name) {
        return name.length() <= 190 ? name : name.substring(0, 189) + "…";
    }

    @Bean
    MailTemplate contactToEstablishment() {
        return template(TO_SCHOOL, (m, message) -> {
            message.setReplyTo(m.accountEmail());
            message.setSubject("[Téléservices] " + m.subject());
            message.setText(texts.text("contact-to-establishment", Map.of("m", m)));
        });
    }

    @Bean
    MailTemplate contactCopy() {
        return template(COPY, (m, message) -> {
            message.setSubject("Copie de votre message : " + m.subject());
            message.setText(texts.text("contact-copy", Map.of("m", m)));
        });
    }

    private MailTemplate template(String name, MailTemplate.Writer<ContactMapper.MessageRow> writer) {
        return MailTemplate.byId(name, mapper::find, "Le message n'existe plus.", writer);
    }
}
