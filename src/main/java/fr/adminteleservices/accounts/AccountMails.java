package fr.adminteleservices.accounts;

import fr.adminteleservices.mail.MailObsolete;
import fr.adminteleservices.mail.MailTemplate;
import jakarta.mail.MessagingException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.web.util.HtmlUtils;

/**
 * The portal's e-mails (C4, C5): confirmation of a new account, password reset link, password
 * changed. Each link is created when its e-mail is composed, so that the outbox never stores one.
 * The reference is the account's id.
 */
@Configuration
class AccountMails {

    static final String CONFIRMATION = "account-confirmation";
    static final String RESET = "password-reset";
    static final String CHANGED = "password-changed";
    static final String SENDER = "Téléservices — Scolarité";

    private final AccountMapper mapper;
    private final AccountTokens tokens;
    private final String portalUrl;
    private final AccountDelays delays;

    AccountMails(AccountMapper mapper, AccountTokens tokens, PortalProperties portal,
                 AccountDelays delays) {
        this.mapper = mapper;
        this.tokens = tokens;
        this.delays = delays;
        this.portalUrl = portal.baseUrl();
    }

    @Bean
    MailTemplate accountConfirmationMail() {
        return template(CONFIRMATION, (account, m) -> {
            if (!"PROVISIONAL".equals(account.state())) {
                throw new MailObsolete("Le compte n'est plus provisoire.");
            }
            String link = portalUrl + "/portail/confirmation?jeton=" + tokens.create(account.id(), AccountTokens.CONFIRM);
            write(m, "Confirmez la création de votre compte téléservices",
                    "Bonjour,\n\nVous avez créé le compte « " + account.username() + " » sur les téléservices de la scolarité. "
                            + "Pour le valider, ouvrez ce lien " + delays.withinConfirmation() + " :\n\n" + link + "\n\nSans confirmation dans ce délai, "
                            + "le compte provisoire sera supprimé et le code d'activation pourra servir à nouveau.\n\n"
                            + "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.",
                    link, "Confirmer mon compte");
        });
    }

    @Bean
    MailTemplate passwordResetMail() {
        return template(RESET, (account, m) -> {
            String link = portalUrl + "/portail/mot-de-passe?jeton=" + tokens.create(account.id(), AccountTokens.RESET);
            write(m, "Choisissez un nouveau mot de passe",
                    "Bonjour,\n\nUne réinitialisation du mot de passe du compte « " + account.username() + " » a été demandée. "
                            + "Pour choisir un nouveau mot de passe, ouvrez ce lien " + delays.withinPasswordReset()
                            + " ; il ne sert qu'une fois :\n\n"
                            + link + "\n\nVotre mot de passe actuel reste valable tant que vous ne l'avez pas changé. Si vous n'êtes "
                            + "pas à l'origine de cette demande, ignorez ce message.",
                    link, "Choisir un nouveau mot de passe");
        });
    }

    @Bean
    MailTemplate passwordChangedMail() {
        return template(CHANGED, (account, m) -> write(m, "Votre mot de passe a été changé",
                "Bonjour,\n\nLe mot de passe du compte « " + account.username() + " » vient d'être changé. Si vous n'êtes pas à "
                        + "l'origine de ce changement, prévenez au plus vite l'établissement de votre enfant.", null, null));
    }

    private MailTemplate template(String name, MailTemplate.Writer<AccountMapper.AccountRow> writer) {
        return MailTemplate.byId(name, mapper::findAccount, "Le compte n'existe plus.", writer);
    }

    /** The text part, and the same as simple HTML with the link as a button-like anchor; no image, no tracking. */
    private static void write(MimeMessageHelper m, String subject, String text, String link, String label) throws MessagingException {
        m.setSubject(subject);
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"UTF-8\"></head>"
                + "<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;max-width:40em\">");
        for (String paragraph : text.split("\n\n")) {
            if (link != null && paragraph.equals(link)) {
                html.append("<p><a href=\"").append(HtmlUtils.htmlEscape(link)).append("\">").append(HtmlUtils.htmlEscape(label))
                        .append("</a><br><small>").append(HtmlUtils.htmlEscape(link)).append("</small></p>");
            } else {
                html.append("<p>").append(HtmlUtils.htmlEscape(paragraph).replace("\n", "<br>")).append("</p>");
            }
        }
        html.append("</body></html>");
        m.setText(text + "\n\n--\nTéléservices de la scolarité. Merci de ne pas répondre à ce message.", html.toString());
    }
}
