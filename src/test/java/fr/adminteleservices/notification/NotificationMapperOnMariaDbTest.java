package fr.adminteleservices.notification;

import fr.adminteleservices.support.MariaDbMapperTest;

@MariaDbMapperTest
class NotificationMapperOnMariaDbTest extends NotificationMapperContract {
}
