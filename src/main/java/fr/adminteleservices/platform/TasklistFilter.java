package fr.adminteleservices.platform;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tasklist's filter of every task ({@code teleservices.tasklist-filter}, « Toutes les tâches »), created
 * at the first start. Camunda's own {@code camunda.bpm.filter.create} checks and creates without a lock:
 * two nodes starting at once made two filters. Here the check and the creation hold the row
 * {@code platform_lock} « tasklist-filter », so the second node waits and then finds the filter.
 */
@Component
class TasklistFilter {

    static final String LOCK = "tasklist-filter";
    private static final Logger log = LoggerFactory.getLogger(TasklistFilter.class);

    private final PlatformLockMapper locks;
    private final FilterService filters;
    private final TaskService tasks;
    private final TransactionTemplate transaction;
    private final String name;

    TasklistFilter(PlatformLockMapper locks, FilterService filters, TaskService tasks, PlatformTransactionManager transactions,
                   PlatformProperties platform) {
        this.locks = locks;
        this.filters = filters;
        this.tasks = tasks;
        this.transaction = new TransactionTemplate(transactions);
        this.name = platform.tasklistFilter();
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        createOnce();
    }

    /** Creates the filter unless it exists; returns true when this call created it. */
    boolean createOnce() {
        return Boolean.TRUE.equals(transaction.execute(t -> {
            locks.lock(LOCK);
            if (filters.createFilterQuery().filterName(name).count() > 0) {
                return false;
            }
            filters.saveFilter(filters.newTaskFilter(name).setQuery(tasks.createTaskQuery()));
            log.info("Tasklist filter « {} » created", name);
            return true;
        }));
    }
}
