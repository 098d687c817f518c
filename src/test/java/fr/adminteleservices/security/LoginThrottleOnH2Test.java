package fr.adminteleservices.security;

import fr.adminteleservices.support.H2Test;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@H2Test
@AutoConfigureMockMvc
class LoginThrottleOnH2Test extends LoginThrottleContract {
}
