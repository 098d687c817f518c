package fr.adminteleservices.accounts;

import fr.adminteleservices.support.MariaDbTest;

@MariaDbTest
class AccountsOnMariaDbTest extends AccountsContract {
}
