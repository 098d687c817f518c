package fr.adminteleservices.platform;

import fr.adminteleservices.support.H2Test;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;

// MockMvc unused here: the same context as the other contract tests, started once
@H2Test
@AutoConfigureMockMvc
class ClusterOnH2Test extends ClusterContract {
}
