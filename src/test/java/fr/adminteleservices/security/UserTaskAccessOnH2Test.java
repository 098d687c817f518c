package fr.adminteleservices.security;

import fr.adminteleservices.support.H2Test;

@H2Test
class UserTaskAccessOnH2Test extends UserTaskAccessContract {
}
