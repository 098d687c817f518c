package fr.adminteleservices.siecle;

import fr.adminteleservices.support.MariaDbTest;

@MariaDbTest
class SiecleImportGuardOnMariaDbTest extends SiecleImportGuardContract {
}
