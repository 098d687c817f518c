package fr.adminteleservices.codes;

import fr.adminteleservices.support.H2Test;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@H2Test
@AutoConfigureMockMvc
class StudentCodesOnH2Test extends StudentCodesContract {
}
