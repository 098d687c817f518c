package fr.adminteleservices.settings;

import fr.adminteleservices.support.H2Test;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@H2Test
@AutoConfigureMockMvc
class SettingsOnH2Test extends SettingsContract {
}
