package fr.adminteleservices.codes;

import fr.adminteleservices.support.H2Test;

@H2Test
class RefusCouponProcessOnH2Test extends RefusCouponProcessContract {
}
