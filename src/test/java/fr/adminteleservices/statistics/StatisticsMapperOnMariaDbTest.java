package fr.adminteleservices.statistics;

import fr.adminteleservices.support.MariaDbMapperTest;

@MariaDbMapperTest
class StatisticsMapperOnMariaDbTest extends StatisticsMapperContract {
}
