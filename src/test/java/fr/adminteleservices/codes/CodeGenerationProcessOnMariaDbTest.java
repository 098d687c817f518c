package fr.adminteleservices.codes;

import fr.adminteleservices.support.MariaDbTest;

@MariaDbTest
class CodeGenerationProcessOnMariaDbTest extends CodeGenerationProcessContract {
}
