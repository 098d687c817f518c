package fr.adminteleservices.siecle;

import fr.adminteleservices.support.H2Test;

@H2Test
class SieclePlannedExitsProcessOnH2Test extends SieclePlannedExitsProcessContract {
}
