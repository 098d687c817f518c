/**
 * What business analysts edit: the BPMN of {@code processes/} and the DRL of {@code rules/}, read
 * from the file system at start (directories configurable, the packaged copies otherwise). A broken
 * file stops start-up with its name and line; nothing is half-deployed.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Processus et règles",
        allowedDependencies = {"security"})
package fr.adminteleservices.platform;
