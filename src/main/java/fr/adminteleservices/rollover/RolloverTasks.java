package fr.adminteleservices.rollover;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of {@code processes/rollover.bpmn}. Dates travel as process variables of type date. */
@Configuration
class RolloverTasks {

    /** Camunda's generated forms read and write dates in the server's time zone. */
    static final ZoneId SERVER_ZONE = ZoneId.systemDefault();

    /** "Proposer les dates": the academy (variable or the installation's), the current year and the proposal. */
    @Bean
    JavaDelegate rolloverProposal(RolloverService rollover, EstablishmentService establishments) {
        return execution -> {
            String academy = academy(execution, establishments);
            SchoolYear proposal = rollover.proposal(academy);
            execution.setVariable("academyCode", academy);
            execution.setVariable("currentYear", establishments.currentSchoolYear(academy).map(SchoolYear::label).orElse(""));
            execution.setVariable("newYear", proposal.label());
            execution.setVariable("startsOn", toDate(proposal.startsOn()));
            execution.setVariable("endsOn", toDate(proposal.endsOn()));
        };
    }

    /** "Basculer": refused dates raise the BPMN error that sends the administrator back to the task. */
    @Bean
    JavaDelegate rolloverApplication(RolloverService rollover) {
        return execution -> {
            Object by = execution.getVariable("confirmedBy");
            String academy = (String) execution.getVariable("academyCode");
            LocalDate startsOn = toLocalDate(execution.getVariable("startsOn"));
            LocalDate endsOn = toLocalDate(execution.getVariable("endsOn"));
            try {
                rollover.check(academy, startsOn, endsOn);
                RolloverService.Result result = rollover.apply(academy, startsOn, endsOn,
                        by instanceof String s ? s : "administrateur d'académie");
                execution.setVariable("newYear", result.schoolYear().label());
                execution.setVariable("servicesClosed", result.servicesClosed());
                execution.setVariable("mandatoryReopened", result.mandatoryReopened());
                execution.removeVariable("refusal");
            } catch (RolloverRefused e) {
                execution.setVariable("refusal", e.getMessage());
                throw new BpmnError("DatesRefusees", e.getMessage());
            }
        };
    }

    private static String academy(DelegateExecution execution, EstablishmentService establishments) {
        Object academy = execution.getVariable("academyCode");
        return academy instanceof String s && !s.isBlank() ? s : establishments.defaultAcademyCode();
    }

    static Date toDate(LocalDate day) {
        return Date.from(day.atStartOfDay(SERVER_ZONE).toInstant());
    }

    static LocalDate toLocalDate(Object value) {
        if (value instanceof Date d) {
            return d.toInstant().atZone(SERVER_ZONE).toLocalDate();
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        return null;
    }
}
