package fr.adminteleservices.platform;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.support.H2Test;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The static files the pages and Swagger UI need are served with Spring's resource chain switched off
 * (application.yml: it resolved every link of every page against the class path, 37 % of a grade
 * page's CPU in PortalLoadBenchmark).
 */
@H2Test
class StaticResourcesTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theAppsOwnFilesAndSwaggerUiAreServed() throws Exception {
        mvc.perform(get("/css/codes.css")).andExpect(status().isOk()).andExpect(content().string(containsString("app-continuity")));
        // the charts of the statistics: Chart.js copied from npm by Maven, and the page's script
        mvc.perform(get("/chartjs/chart.umd.min.js")).andExpect(status().isOk()).andExpect(content().string(containsString("Chart")));
        mvc.perform(get("/js/statistics-charts.js")).andExpect(status().isOk()).andExpect(content().string(containsString("teleservicesCharts")));
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk()).andExpect(content().string(containsString("swagger")));
        mvc.perform(get("/swagger-ui/swagger-ui-bundle.js")).andExpect(status().isOk());
        mvc.perform(get("/v3/api-docs/swagger-config")).andExpect(status().isOk());
    }
}
