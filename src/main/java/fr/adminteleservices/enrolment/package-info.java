/**
 * Téléinscription (guide §7; I1–I3): online enrolment of collège students into the seconde générale et
 * technologique of the lycée they are assigned to. The académie administrator sets the day the assignment
 * results are published (the menu is active from that day to the end of the school year), the establishments
 * taking part and uploads the assignment results (CSV). A participating lycée sees, per MEF of seconde GT, the
 * options its Nomenclature profile offers (enseignements d'exploration, langue ou sport de section,
 * enseignement facultatif) and the completed enrolments; a participating collège of origin follows its
 * students' enrolments. The guardian's side is {@code processes/teleinscription.bpmn}, on the portal.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Téléinscription",
        allowedDependencies = {"accounts", "catalogue", "establishment", "opening", "platform", "security"})
package fr.adminteleservices.enrolment;
