package fr.adminteleservices.enrolment;

import fr.adminteleservices.support.MariaDbTest;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@MariaDbTest
@AutoConfigureMockMvc
class EnrolmentOnMariaDbTest extends EnrolmentContract {
}
