/**
 * Import of the establishment's SIECLE exports (ElevesSansAdresses / ElevesAvecAdresses,
 * ResponsablesAvecAdresses, Nomenclature, Structures): streaming and XXE-safe reading, one
 * transaction per import, applied as a difference, every rejected record reported with its reason.
 * Runs as the {@code siecle-import} process; the guardians' legal rank is decided by
 * {@code rules/guardian-legal-rank.drl}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Import SIECLE",
        allowedDependencies = {"establishment", "platform"})
package fr.adminteleservices.siecle;
