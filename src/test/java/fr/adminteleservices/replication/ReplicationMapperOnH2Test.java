package fr.adminteleservices.replication;

import fr.adminteleservices.support.H2MapperTest;

@H2MapperTest
class ReplicationMapperOnH2Test extends ReplicationMapperContract {
}
