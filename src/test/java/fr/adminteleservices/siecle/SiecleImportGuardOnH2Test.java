package fr.adminteleservices.siecle;

import fr.adminteleservices.support.H2Test;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@H2Test
@AutoConfigureMockMvc
class SiecleImportGuardOnH2Test extends SiecleImportGuardContract {
}
