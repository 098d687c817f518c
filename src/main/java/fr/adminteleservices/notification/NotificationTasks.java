package fr.adminteleservices.notification;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of {@code processes/code-notification.bpmn}, one class per step. */
@Configuration
class NotificationTasks {

    /** "Décider du mode et du courrier" for the next chunk; tells the process how many items remain. */
    @Bean
    JavaDelegate notificationDecider(NotificationDecisions decisions) {
        return execution -> execution.setVariable("remaining", decisions.decideNext((String) execution.getVariable("jobId")));
    }

    /** "Produire le PDF des courriers papier". */
    @Bean
    JavaDelegate letterPrinter(LetterPrinting printing) {
        return execution -> printing.printLetters((String) execution.getVariable("jobId"));
    }

    /**
     * "Envoyer les courriels", one slice per job (shorter than the job's lock); tells the process how many
     * e-mails remain. A failure (SMTP server down) is retried by the engine, as the BPMN says.
     */
    @Bean
    JavaDelegate notificationMailer(NotificationEmails emails) {
        return execution -> execution.setVariable("emailsLeft", emails.sendSlice((String) execution.getVariable("jobId")));
    }

    @Bean
    JavaDelegate notificationFinisher(NotificationJobs jobs) {
        return execution -> jobs.finish((String) execution.getVariable("jobId"));
    }
}
