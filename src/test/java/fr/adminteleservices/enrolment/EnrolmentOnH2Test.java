package fr.adminteleservices.enrolment;

import fr.adminteleservices.support.H2Test;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@H2Test
@AutoConfigureMockMvc
class EnrolmentOnH2Test extends EnrolmentContract {
}
