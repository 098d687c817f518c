package fr.adminteleservices.platform;

import fr.adminteleservices.support.MariaDbTest;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

// MockMvc unused here: the same context as the other contract tests, started once
@MariaDbTest
@AutoConfigureMockMvc
class ClusterOnMariaDbTest extends ClusterContract {
}
