package fr.adminteleservices.accounts;

import fr.adminteleservices.support.MariaDbTest;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@MariaDbTest
@AutoConfigureMockMvc
class AccountsOnMariaDbTest extends AccountsContract {
}
