package fr.adminteleservices.statistics;

import fr.adminteleservices.support.H2Test;

@H2Test
class StatisticsOnH2Test extends StatisticsContract {
}
