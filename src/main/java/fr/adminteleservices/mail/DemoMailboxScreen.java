package fr.adminteleservices.mail;

import com.icegreen.greenmail.util.GreenMail;
import fr.adminteleservices.security.EstablishmentAccess;
import fr.adminteleservices.security.TeleservicesUser;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * "Courriels envoyés (démonstration)": what the SMTP server inside the app received, so that the
 * e-mail flow can be followed with nothing installed. A head sees the messages sent on behalf of
 * their establishment; an académie administrator sees them all.
 */
@Controller
@ConditionalOnProperty(name = MailConfiguration.EMBEDDED, havingValue = "true")
class DemoMailboxScreen {

    private final GreenMail server;

    DemoMailboxScreen(GreenMail embeddedSmtpServer) {
        this.server = embeddedSmtpServer;
    }

    @GetMapping("/courriels")
    String list(Model model) throws MessagingException {
        List<Summary> messages = new ArrayList<>();
        MimeMessage[] received = server.getReceivedMessages();
        for (int i = received.length - 1; i >= 0 && messages.size() < 500; i--) {
            if (visible(received[i])) {
                messages.add(summary(i, received[i]));
            }
        }
        model.addAttribute("messages", messages);
        model.addAttribute("total", messages.size());
        return "mail/mailbox";
    }

    @GetMapping("/courriels/{index}")
    String show(@PathVariable int index, Model model) throws MessagingException, IOException {
        MimeMessage[] received = server.getReceivedMessages();
        if (index < 0 || index >= received.length || !visible(received[index])) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Ce courriel n'existe pas.");
        }
        MimeMessage message = received[index];
        Parts parts = new Parts();
        collect(message, parts);
        model.addAttribute("message", summary(index, message));
        model.addAttribute("text", parts.text);
        model.addAttribute("html", parts.html);
        return "mail/message";
    }

    private static boolean visible(MimeMessage message) throws MessagingException {
        TeleservicesUser user = EstablishmentAccess.currentUser();
        if (user == null) {
            return false;
        }
        if (user.academyAdmin()) {
            return true;
        }
        String[] uai = message.getHeader(Outbox.ESTABLISHMENT_HEADER);
        return uai != null && uai.length > 0 && user.canAccess(uai[0]);
    }

    private static Summary summary(int index, MimeMessage m) throws MessagingException {
        String from = m.getFrom() == null || m.getFrom().length == 0 ? "" : m.getFrom()[0].toString();
        String to = m.getAllRecipients() == null ? "" : String.join(", ", java.util.Arrays.stream(m.getAllRecipients()).map(Object::toString).toList());
        Instant sent = m.getSentDate() == null ? null : m.getSentDate().toInstant();
        return new Summary(index, sent, decode(from), to, m.getSubject());
    }

    private static String decode(String address) {
        try {
            return jakarta.mail.internet.MimeUtility.decodeText(address);
        } catch (java.io.UnsupportedEncodingException e) {
            return address;
        }
    }

    private static void collect(Part part, Parts parts) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && parts.text == null) {
            parts.text = (String) part.getContent();
        } else if (part.isMimeType("text/html") && parts.html == null) {
            parts.html = (String) part.getContent();
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, parts);
            }
        }
    }

    private static final class Parts {
        String text;
        String html;
    }

    record Summary(int index, Instant sentAt, String from, String to, String subject) {
    }
}
