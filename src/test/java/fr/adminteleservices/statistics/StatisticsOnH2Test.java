package fr.adminteleservices.statistics;

import fr.adminteleservices.support.H2Test;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@H2Test
@AutoConfigureMockMvc
class StatisticsOnH2Test extends StatisticsContract {
}
