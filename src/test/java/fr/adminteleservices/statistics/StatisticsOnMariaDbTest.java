package fr.adminteleservices.statistics;

import fr.adminteleservices.support.MariaDbTest;

@MariaDbTest
class StatisticsOnMariaDbTest extends StatisticsContract {
}
