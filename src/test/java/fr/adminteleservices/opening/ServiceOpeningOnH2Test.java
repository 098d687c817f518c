package fr.adminteleservices.opening;

import fr.adminteleservices.support.H2Test;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@H2Test
@AutoConfigureMockMvc
class ServiceOpeningOnH2Test extends ServiceOpeningContract {
}
