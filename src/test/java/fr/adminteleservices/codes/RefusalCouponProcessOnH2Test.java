package fr.adminteleservices.codes;

import fr.adminteleservices.support.H2Test;

@H2Test
class RefusalCouponProcessOnH2Test extends RefusalCouponProcessContract {
}
