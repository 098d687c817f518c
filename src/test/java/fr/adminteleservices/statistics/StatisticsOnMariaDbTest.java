package fr.adminteleservices.statistics;

import fr.adminteleservices.support.MariaDbTest;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@MariaDbTest
@AutoConfigureMockMvc
class StatisticsOnMariaDbTest extends StatisticsContract {
}
