package fr.adminteleservices.siecle;

import fr.adminteleservices.support.MariaDbTest;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@MariaDbTest
@AutoConfigureMockMvc
class SiecleImportGuardOnMariaDbTest extends SiecleImportGuardContract {
}
