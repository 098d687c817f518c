package fr.adminteleservices.security;

import fr.adminteleservices.support.MariaDbTest;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@MariaDbTest
@AutoConfigureMockMvc
class LoginThrottleOnMariaDbTest extends LoginThrottleContract {
}
