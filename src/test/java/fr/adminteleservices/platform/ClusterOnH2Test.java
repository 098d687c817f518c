package fr.adminteleservices.platform;

import fr.adminteleservices.support.H2Test;

// MockMvc unused here: the same context as the other contract tests, started once
@H2Test
class ClusterOnH2Test extends ClusterContract {
}
