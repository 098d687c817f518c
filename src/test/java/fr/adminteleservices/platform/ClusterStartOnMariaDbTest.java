package fr.adminteleservices.platform;

import static org.assertj.core.api.Assertions.assertThat;

import fr.adminteleservices.support.MariaDbTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Several nodes starting at once on one MariaDB database (issue 17, point 7). */
@MariaDbTest
class ClusterStartOnMariaDbTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    TasklistFilter tasklistFilter;

    /** The first start of four nodes at once, five times: one Tasklist filter each time, not one per node. */
    @Test
    void firstStartsAtOnceCreateOneTasklistFilter() throws Exception {
        FilterService filters = engine.getFilterService();
        assertThat(filters.createFilterQuery().filterName("Toutes les tâches").count()).as("created at start-up").isEqualTo(1);
        ExecutorService nodes = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                filters.createFilterQuery().filterName("Toutes les tâches").list().forEach(f -> filters.deleteFilter(f.getId()));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> created = new ArrayList<>();
                for (int node = 0; node < 4; node++) {
                    created.add(nodes.submit(() -> {
                        go.await();
                        return tasklistFilter.createOnce();
                    }));
                }
                go.countDown();
                int creators = 0;
                for (Future<Boolean> c : created) {
                    creators += c.get(60, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(creators).isEqualTo(1);
                assertThat(filters.createFilterQuery().filterName("Toutes les tâches").count()).isEqualTo(1);
            }
        } finally {
            nodes.shutdown();
        }
    }
}
