package fr.adminteleservices.security;

import fr.adminteleservices.support.MariaDbTest;

@MariaDbTest
class LoginThrottleOnMariaDbTest extends LoginThrottleContract {
}
