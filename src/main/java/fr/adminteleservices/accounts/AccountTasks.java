package fr.adminteleservices.accounts;

import fr.adminteleservices.mail.Outbox;
import fr.adminteleservices.mail.OutgoingMail;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of {@code processes/portal-account.bpmn} and {@code processes/password-reset.bpmn}. */
@Configuration
class AccountTasks {

    /** "Envoyer le courriel de confirmation" and the others: queued once, then sent; a failure is retried by the engine. */
    private static JavaDelegate mailer(Outbox outbox, AccountMapper mapper, String template, String batch) {
        return execution -> {
            long accountId = accountId(execution);
            AccountMapper.AccountRow account = mapper.findAccount(accountId);
            // one message per process instance: a retried job finds it already queued
            String batchId = execution.getProcessInstanceId();
            if (account != null) {
                outbox.enqueueAndSend(new OutgoingMail(batchId, template, Long.toString(accountId), account.email(),
                        AccountMails.SENDER, batch + "-" + batchId));
            }
        };
    }

    @Bean
    JavaDelegate confirmationMailer(Outbox outbox, AccountMapper mapper) {
        return mailer(outbox, mapper, AccountMails.CONFIRMATION, "CONFIRM");
    }

    @Bean
    JavaDelegate resetLinkMailer(Outbox outbox, AccountMapper mapper) {
        return mailer(outbox, mapper, AccountMails.RESET, "RESET");
    }

    @Bean
    JavaDelegate passwordChangedMailer(Outbox outbox, AccountMapper mapper) {
        return mailer(outbox, mapper, AccountMails.CHANGED, "CHANGED");
    }

    /** "Marquer le code utilisé": the account is confirmed; its code ends its lifecycle. */
    @Bean
    JavaDelegate accountCodeUsed(Accounts accounts) {
        return execution -> accounts.codeUsed(accountId(execution));
    }

    /** "Supprimer le compte provisoire": 7 days without the confirmation link (C5). */
    @Bean
    JavaDelegate provisionalAccountRemover(Accounts accounts) {
        return execution -> accounts.deleteIfProvisional(accountId(execution));
    }

    /** "Invalider le lien": the reset link's delay is over. */
    @Bean
    JavaDelegate resetLinkExpirer(Accounts accounts) {
        return execution -> accounts.expireResetLinks(accountId(execution));
    }

    private static long accountId(DelegateExecution execution) {
        return ((Number) execution.getVariable("accountId")).longValue();
    }
}
