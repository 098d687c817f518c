package fr.adminteleservices.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.support.MariaDbTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@MariaDbTest
@ExtendWith(OutputCaptureExtension.class)
class GuardianCodesOnMariaDbTest extends GuardianCodesContract {

    /**
     * Issue 17, point 7: two generations of the same couples at once collide on the unique valid code;
     * the loser retries one by one and skips those couples. That retry is expected: MariaDB's driver
     * must not log each duplicate key as a WARN (one concurrent generation logged ~4,300 of them).
     */
    @Test
    void generationsAtOnceMakeOneValidCodePerCoupleAndLogNoDuplicateKeyWarning(CapturedOutput output) throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                answers.add(two.submit(() -> {
                    go.await();
                    return generate("{\"all\":true}").andReturn().getResponse().getStatus();
                }));
            }
            go.countDown();
            for (Future<Integer> a : answers) {
                assertThat(a.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            two.shutdown();
        }
        assertThat(jdbc.queryForObject("select count(*) from guardian_code where uai = ? and valid_link_id is not null",
                Integer.class, uai)).isEqualTo(3);
        // a duplicate key for certain, as a retry meets it
        generate("{\"linkIds\":[" + linkOf("10") + "]}").andExpect(status().isOk());
        try {
            jdbc.update("insert into guardian_code (uai, link_id, lookup_hash, encrypted_value, hint, created_at, valid_from, "
                    + "valid_link_id) values (?, ?, ?, 'x', 'AB', current_timestamp, current_date, ?)", uai, linkOf("10"),
                    "e".repeat(64), linkOf("10"));
        } catch (org.springframework.dao.DuplicateKeyException expected) {
            // the database refuses a second valid code: that is the point
        }
        assertThat(output.getAll()).doesNotContain("Duplicate entry");
    }
}
