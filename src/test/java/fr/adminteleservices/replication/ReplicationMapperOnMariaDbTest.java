package fr.adminteleservices.replication;

import fr.adminteleservices.support.MariaDbMapperTest;

@MariaDbMapperTest
class ReplicationMapperOnMariaDbTest extends ReplicationMapperContract {
}
