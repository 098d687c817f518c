package fr.adminteleservices.accounts;

import fr.adminteleservices.support.H2Test;

@H2Test
class PortalAccountProcessOnH2Test extends PortalAccountProcessContract {
}
