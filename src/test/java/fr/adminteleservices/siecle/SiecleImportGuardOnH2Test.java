package fr.adminteleservices.siecle;

import fr.adminteleservices.support.H2Test;

@H2Test
class SiecleImportGuardOnH2Test extends SiecleImportGuardContract {
}
