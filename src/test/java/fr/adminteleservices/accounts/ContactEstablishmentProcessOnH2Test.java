package fr.adminteleservices.accounts;

import fr.adminteleservices.support.H2Test;

@H2Test
class ContactEstablishmentProcessOnH2Test extends ContactEstablishmentProcessContract {
}
