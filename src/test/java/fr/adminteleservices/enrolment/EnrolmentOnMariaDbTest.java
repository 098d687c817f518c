package fr.adminteleservices.enrolment;

import fr.adminteleservices.support.MariaDbTest;

@MariaDbTest
class EnrolmentOnMariaDbTest extends EnrolmentContract {
}
