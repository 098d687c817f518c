package fr.adminteleservices.notification;

import fr.adminteleservices.support.H2Test;

@H2Test
class CodeNotificationProcessOnH2Test extends CodeNotificationProcessContract {
}
