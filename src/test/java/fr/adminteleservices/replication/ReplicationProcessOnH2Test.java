package fr.adminteleservices.replication;

import fr.adminteleservices.support.H2Test;

@H2Test
class ReplicationProcessOnH2Test extends ReplicationProcessContract {
}
