package fr.adminteleservices.notification;

import fr.adminteleservices.support.MariaDbTest;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@MariaDbTest
@AutoConfigureMockMvc
class NotificationOnMariaDbTest extends NotificationContract {
}
