package fr.adminteleservices.codes;

import fr.adminteleservices.support.MariaDbTest;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@MariaDbTest
@AutoConfigureMockMvc
class StudentCodesOnMariaDbTest extends StudentCodesContract {
}
