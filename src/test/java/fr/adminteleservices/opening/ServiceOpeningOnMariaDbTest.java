package fr.adminteleservices.opening;

import fr.adminteleservices.support.MariaDbTest;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@MariaDbTest
@AutoConfigureMockMvc
class ServiceOpeningOnMariaDbTest extends ServiceOpeningContract {
}
