package fr.adminteleservices.replication;

import fr.adminteleservices.support.MariaDbTest;

@MariaDbTest
class ReplicationProcessOnMariaDbTest extends ReplicationProcessContract {
}
