package fr.adminteleservices.settings;

import fr.adminteleservices.support.MariaDbTest;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@MariaDbTest
@AutoConfigureMockMvc
class SettingsOnMariaDbTest extends SettingsContract {
}
