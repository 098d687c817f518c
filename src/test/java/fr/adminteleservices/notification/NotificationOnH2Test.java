package fr.adminteleservices.notification;

import fr.adminteleservices.support.H2Test;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@H2Test
@AutoConfigureMockMvc
class NotificationOnH2Test extends NotificationContract {
}
