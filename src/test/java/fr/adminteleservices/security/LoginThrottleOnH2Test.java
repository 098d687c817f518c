package fr.adminteleservices.security;

import fr.adminteleservices.support.H2Test;

@H2Test
class LoginThrottleOnH2Test extends LoginThrottleContract {
}
