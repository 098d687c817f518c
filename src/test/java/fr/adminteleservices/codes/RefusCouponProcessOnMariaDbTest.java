package fr.adminteleservices.codes;

import fr.adminteleservices.support.MariaDbTest;

@MariaDbTest
class RefusCouponProcessOnMariaDbTest extends RefusCouponProcessContract {
}
