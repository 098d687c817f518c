package fr.adminteleservices.siecle;

import fr.adminteleservices.support.MariaDbTest;

@MariaDbTest
class SieclePlannedExitsProcessOnMariaDbTest extends SieclePlannedExitsProcessContract {
}
