package fr.adminteleservices.accounts;

import fr.adminteleservices.support.H2Test;

@H2Test
class PasswordResetProcessOnH2Test extends PasswordResetProcessContract {
}
