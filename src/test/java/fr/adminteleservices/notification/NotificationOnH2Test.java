package fr.adminteleservices.notification;

import fr.adminteleservices.support.H2Test;

@H2Test
class NotificationOnH2Test extends NotificationContract {
}
