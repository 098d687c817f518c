package fr.adminteleservices.consultation;

import fr.adminteleservices.support.H2Test;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@H2Test
@AutoConfigureMockMvc
class ConsultationOnH2Test extends ConsultationContract {
}
