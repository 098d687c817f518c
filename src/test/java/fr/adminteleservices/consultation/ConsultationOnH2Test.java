package fr.adminteleservices.consultation;

import fr.adminteleservices.support.H2Test;

@H2Test
class ConsultationOnH2Test extends ConsultationContract {
}
