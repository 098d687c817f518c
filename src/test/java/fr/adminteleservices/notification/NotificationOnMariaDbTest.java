package fr.adminteleservices.notification;

import fr.adminteleservices.support.MariaDbTest;

@MariaDbTest
class NotificationOnMariaDbTest extends NotificationContract {
}
