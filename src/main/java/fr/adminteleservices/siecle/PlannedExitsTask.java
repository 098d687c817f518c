package fr.adminteleservices.siecle;

import java.time.Clock;
import java.time.LocalDate;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSessionFactory;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.mybatis.spring.SqlSessionTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Service task « Faire partir les élèves dont la date de sortie est arrivée » of
 * {@code processes/siecle-planned-exits.bpmn}: a DATE_SORTIE after the import kept the student present
 * until that day; now they leave, with the same effects as a departure found by an import (their CAE
 * and their guardians' CARs are invalidated by the listeners of {@link SiecleImported}).
 */
@Component("plannedExitsTask")
class PlannedExitsTask implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(PlannedExitsTask.class);

    private final SqlSessionTemplate batch;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PlannedExitsTask(SqlSessionFactory factory, ApplicationEventPublisher events, Clock clock) {
        // the import's batch session: the codes' listeners join it in this transaction
        this.batch = new SqlSessionTemplate(factory, ExecutorType.BATCH);
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LocalDate today = LocalDate.now(clock);
        SiecleImportMapper mapper = batch.getMapper(SiecleImportMapper.class);
        int left = 0;
        for (String uai : mapper.establishmentsWithDueExits(today)) {
            mapper.leaveOnPlannedExit(uai, today);
            batch.flushStatements();
            events.publishEvent(new SiecleImported(uai, null, "sorties prévues"));
            left++;
        }
        execution.setVariable("establishments", left);
        if (left > 0) {
            log.info("Planned exits applied in {} establishment(s)", left);
        }
    }
}
