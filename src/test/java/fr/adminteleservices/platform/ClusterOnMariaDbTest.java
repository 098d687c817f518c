package fr.adminteleservices.platform;

import fr.adminteleservices.support.MariaDbTest;

// MockMvc unused here: the same context as the other contract tests, started once
@MariaDbTest
class ClusterOnMariaDbTest extends ClusterContract {
}
