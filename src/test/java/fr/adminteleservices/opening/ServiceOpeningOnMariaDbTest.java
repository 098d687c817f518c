package fr.adminteleservices.opening;

import fr.adminteleservices.support.MariaDbTest;

@MariaDbTest
class ServiceOpeningOnMariaDbTest extends ServiceOpeningContract {
}
