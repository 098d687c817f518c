package fr.adminteleservices.notification;

import fr.adminteleservices.codes.CodeKind;
import fr.adminteleservices.codes.CodeNotices;
import fr.adminteleservices.mail.MailObsolete;
import fr.adminteleservices.mail.MailTemplate;
import fr.adminteleservices.mail.MailTexts;
import fr.adminteleservices.mail.Outbox;
import fr.adminteleservices.notification.letters.Letter;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The e-mail of a guardian's notification (§4.2): the letter's content, as text and HTML, no image
 * and no tracking, the establishment as the sender's name. Composed when sent, from the
 * notification item (the outbox reference), so the code is decrypted only then. Templates:
 * {@code templates/notification/mail/guardian-letter.html} and {@code .txt}.
 */
@Component
class GuardianLetterMail implements MailTemplate {

    private static final Duration CONTEXT_KEPT = Duration.ofMinutes(1);

    private final NotificationMapper mapper;
    private final LetterFactory letters;
    private final CodeNotices codes;
    private final Clock clock;
    private final MailTexts texts = new MailTexts("templates/notification/mail/");
    /** The establishment's letter context, resolved once per job and minute rather than once per message. */
    private final Map<String, Cached> contexts = new ConcurrentHashMap<>();

    GuardianLetterMail(NotificationMapper mapper, LetterFactory letters, CodeNotices codes, Clock clock) {
        this.mapper = mapper;
        this.letters = letters;
        this.codes = codes;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NotificationEmails.MAIL_TEMPLATE;
    }

    @Override
    public void compose(String reference, MimeMessageHelper message) throws MessagingException {
        NotificationMapper.LetterRow row = mapper.findGuardianLetter(Long.parseLong(reference));
        if (row == null) {
            throw new MailObsolete("La notification n'existe plus.");
        }
        if (!row.codeValid()) {
            throw new MailObsolete("Le code a été invalidé avant l'envoi du courriel.");
        }
        LetterFactory.Context context = context(row.jobId());
        Letter letter = letters.guardianLetter(context, row);
        message.setSubject(subject(letter));
        texts.write(message, "guardian-letter", Map.of("letter", letter, "continuity", letter.variant() == Letter.Variant.CONTINUITY));
        message.getMimeMessage().setHeader(Outbox.ESTABLISHMENT_HEADER, context.uai());
    }

    static String subject(Letter letter) {
        return (letter.variant() == Letter.Variant.CONTINUITY ? "Continuité de votre accès aux téléservices" : "Votre code d'accès aux téléservices")
                + " – " + letter.sender().name();
    }

    /** In the outbox's transaction that records the message sent: the item, its record and the code's date go together. */
    @Override
    public void sent(String reference, String recipient, Instant at) {
        long itemId = Long.parseLong(reference);
        if (mapper.markItemEmailed(itemId) == 1) {
            mapper.recordEmailNotification(itemId, at, recipient);
            codes.notified(CodeKind.CAR, List.of(mapper.findCodeOfItem(itemId)), LocalDate.ofInstant(at, clock.getZone()));
        }
    }

    @Override
    public void abandoned(String reference, String recipient, String reason) {
        mapper.failItem(Long.parseLong(reference), reason);
    }

    private LetterFactory.Context context(String jobId) {
        Instant now = clock.instant();
        Cached cached = contexts.get(jobId);
        if (cached == null || cached.at().plus(CONTEXT_KEPT).isBefore(now)) {
            contexts.entrySet().removeIf(e -> e.getValue().at().plus(CONTEXT_KEPT).isBefore(now));
            cached = new Cached(letters.context(mapper.findJob(jobId).uai()), now);
            contexts.put(jobId, cached);
        }
        return cached.context();
    }

    private record Cached(LetterFactory.Context context, Instant at) {
    }
}
