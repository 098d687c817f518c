package fr.adminteleservices.settings;

import fr.adminteleservices.support.H2Test;

@H2Test
class SettingsOnH2Test extends SettingsContract {
}
