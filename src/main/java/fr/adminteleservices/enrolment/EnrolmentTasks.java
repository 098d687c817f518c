package fr.adminteleservices.enrolment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of {@code processes/teleinscription.bpmn}. */
@Configuration
class EnrolmentTasks {

    /** "Enregistrer l'inscription et les options choisies". */
    @Bean
    JavaDelegate enrolmentCompleted(OnlineEnrolment enrolment) {
        return execution -> enrolment.recordCompleted(execution.getTenantId(), assignmentId(execution),
                (String) execution.getVariable("choices"));
    }

    /** "Clore l'inscription non confirmée" (timer « Fin de l'année scolaire »). */
    @Bean
    JavaDelegate enrolmentClosed(OnlineEnrolment enrolment) {
        return execution -> enrolment.recordClosed(assignmentId(execution));
    }

    private static long assignmentId(DelegateExecution execution) {
        return ((Number) execution.getVariable("assignmentId")).longValue();
    }
}
