package fr.adminteleservices.consultation;

import fr.adminteleservices.support.MariaDbTest;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@MariaDbTest
@AutoConfigureMockMvc
class ConsultationOnMariaDbTest extends ConsultationContract {
}
