package fr.adminteleservices.statistics;

import fr.adminteleservices.support.H2MapperTest;

@H2MapperTest
class StatisticsMapperOnH2Test extends StatisticsMapperContract {
}
