package fr.adminteleservices.accounts;

import fr.adminteleservices.support.H2Test;

@H2Test
class ActivationRateLimitOnH2Test extends ActivationRateLimitContract {
}
