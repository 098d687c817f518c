/**
 * The annual rollover (bascule, §3.1, O4): a new school year with its dates becomes current and every
 * establishment's services are closed; accounts, codes and settings stay. A BPMN process, fired by a
 * timer each summer or by an académie administrator, with a Tasklist task to confirm the dates.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Bascule annuelle",
        allowedDependencies = {"establishment", "opening", "security"})
package fr.adminteleservices.rollover;
