package fr.adminteleservices.accounts;

import fr.adminteleservices.support.MariaDbTest;

@MariaDbTest
class ContactEstablishmentProcessOnMariaDbTest extends ContactEstablishmentProcessContract {
}
