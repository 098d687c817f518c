package fr.adminteleservices.accounts;

import fr.adminteleservices.support.H2Test;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@H2Test
@AutoConfigureMockMvc
class AccountsOnH2Test extends AccountsContract {
}
