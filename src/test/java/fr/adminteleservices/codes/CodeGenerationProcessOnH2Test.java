package fr.adminteleservices.codes;

import fr.adminteleservices.support.H2Test;

@H2Test
class CodeGenerationProcessOnH2Test extends CodeGenerationProcessContract {
}
