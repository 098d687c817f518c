package fr.adminteleservices.codes;

import fr.adminteleservices.support.MariaDbMapperTest;

@MariaDbMapperTest
class CodeMapperOnMariaDbTest extends CodeMapperContract {
}
