package fr.adminteleservices.enrolment;

import fr.adminteleservices.support.H2Test;

@H2Test
class EnrolmentOnH2Test extends EnrolmentContract {
}
