package fr.adminteleservices.notification;

import fr.adminteleservices.support.H2MapperTest;

@H2MapperTest
class NotificationMapperOnH2Test extends NotificationMapperContract {
}
