package fr.adminteleservices.platform;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * An index on the due date of Camunda's jobs, made once the engine has created its tables. Each job executor's
 * acquisition asks for the jobs due now ({@code DUEDATE_ is null or DUEDATE_ <= now}, by priority and due date), and
 * Camunda's schema has no index for it: MariaDB read the whole {@code ACT_RU_JOB}, that is every timer of the codes'
 * lifecycles (136,000 at 50,000 students: 0.6 s a query; 1.36 million at 500,000: 4.4 s), at every acquisition, and
 * since a notification's e-mail slices go back to the queue ({@code processes/code-notification.bpmn}) at every slice.
 * With it, the same query reads the few jobs due (national-peak benchmark, issue 18). Made if missing at every start;
 * a node starting beside another waits for its creation.
 */
@Component
class JobAcquisitionIndex extends AbstractProcessEnginePlugin {

    private final ClusterMapper mapper;

    JobAcquisitionIndex(ClusterMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        mapper.createJobAcquisitionIndex();
    }
}
