package fr.adminteleservices.rollover;

import fr.adminteleservices.support.MariaDbTest;

@MariaDbTest
class RolloverProcessOnMariaDbTest extends RolloverProcessContract {
}
