package fr.adminteleservices.replication;

import fr.adminteleservices.support.H2Test;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

@H2Test
@AutoConfigureMockMvc
class ReplicationProcessOnH2Test extends ReplicationProcessContract {
}
