package fr.adminteleservices.codes;

import fr.adminteleservices.support.H2MapperTest;

@H2MapperTest
class CodeMapperOnH2Test extends CodeMapperContract {
}
