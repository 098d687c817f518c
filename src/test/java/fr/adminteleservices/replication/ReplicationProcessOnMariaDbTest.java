package fr.adminteleservices.replication;

import fr.adminteleservices.support.MariaDbTest;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@MariaDbTest
@AutoConfigureMockMvc
class ReplicationProcessOnMariaDbTest extends ReplicationProcessContract {
}
