package fr.adminteleservices.codes;

import fr.adminteleservices.support.H2Test;

@H2Test
class StudentCodesOnH2Test extends StudentCodesContract {
}
