package fr.adminteleservices.settings;

import fr.adminteleservices.support.MariaDbTest;

@MariaDbTest
class SettingsOnMariaDbTest extends SettingsContract {
}
