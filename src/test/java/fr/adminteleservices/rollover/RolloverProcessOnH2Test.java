package fr.adminteleservices.rollover;

import fr.adminteleservices.support.H2Test;

@H2Test
class RolloverProcessOnH2Test extends RolloverProcessContract {
}
