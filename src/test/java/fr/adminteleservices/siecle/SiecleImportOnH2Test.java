package fr.adminteleservices.siecle;

import fr.adminteleservices.support.H2Test;

@H2Test
class SiecleImportOnH2Test extends SiecleImportContract {
}
