package fr.adminteleservices.opening;

import fr.adminteleservices.support.H2Test;

@H2Test
class ServiceOpeningOnH2Test extends ServiceOpeningContract {
}
