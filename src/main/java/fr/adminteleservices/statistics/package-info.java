/**
 * Statistics (§6; T1–T3): « Synthèse codes élèves », « Synthèse codes responsables » and « Synthèse accès
 * téléservices », for an establishment's head and, per establishment and for the whole académie, for the académie
 * administrator. Every figure is counted by SQL ({@code StatisticsMapper.xml}) at each view; the screens, the CSV
 * downloads and the API ({@code /api/establishments/{uai}/statistics/...}) share the same columns.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Statistiques",
        allowedDependencies = {"establishment"})
package fr.adminteleservices.statistics;
