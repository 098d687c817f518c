package fr.adminteleservices.accounts;

import fr.adminteleservices.mail.MailObsolete;
import fr.adminteleservices.mail.MailTemplate;
import fr.adminteleservices.mail.MailTexts;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The portal's e-mails (C4, C5): confirmation of a new account, password reset link, password
 * changed; their texts are {@code templates/portal/mail/<name>.txt} and {@code .html}, beside the portal's screens.
 * Each link is created when its e-mail is composed, so that the outbox never stores one.
 * The reference is the account's id.
 */
@Configuration
class AccountMails {

    static final String CONFIRMATION = "account-confirmation";
    static final String RESET = "password-reset";
    static final String CHANGED = "password-changed";
    static final String SENDER = "Téléservices — Scolarité";
    /** The accounts feature's e-mails, beside its screens (the portal's, {@code templates/portal/}). */
    static final String PORTAL_MAILS = "templates/portal/mail/";

    private final AccountMapper mapper;
    private final AccountTokens tokens;
    private final String portalUrl;
    private final AccountDelays delays;
    private final MailTexts texts = new MailTexts(PORTAL_MAILS);

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
            m.setSubject("Confirmez la création de votre compte téléservices");
            texts.write(m, CONFIRMATION, Map.of("username", account.username(), "link", link, "within", delays.withinConfirmation()));
        });
    }

    @Bean
    MailTemplate passwordResetMail() {
        return template(RESET, (account, m) -> {
            String link = portalUrl + "/portail/mot-de-passe?jeton=" + tokens.create(account.id(), AccountTokens.RESET);
            m.setSubject("Choisissez un nouveau mot de passe");
            texts.write(m, RESET, Map.of("username", account.username(), "link", link, "within", delays.withinPasswordReset()));
        });
    }

    @Bean
    MailTemplate passwordChangedMail() {
        return template(CHANGED, (account, m) -> {
            m.setSubject("Votre mot de passe a été changé");
            texts.write(m, CHANGED, Map.of("username", account.username()));
        });
    }

    private MailTemplate template(String name, MailTemplate.Writer<AccountMapper.AccountRow> writer) {
        return MailTemplate.byId(name, mapper::findAccount, "Le compte n'existe plus.", writer);
    }
}
