package fr.adminteleservices.consultation;

import fr.adminteleservices.support.MariaDbTest;

@MariaDbTest
class ConsultationOnMariaDbTest extends ConsultationContract {
}
