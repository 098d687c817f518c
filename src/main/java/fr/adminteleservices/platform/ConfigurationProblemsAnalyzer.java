package fr.adminteleservices.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the configuration problems found at start-up as one French block, without a stack trace. */
public class ConfigurationProblemsAnalyzer extends AbstractFailureAnalyzer<StartupConfigurationCheck.ConfigurationProblems> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartupConfigurationCheck.ConfigurationProblems cause) {
        StringBuilder description = new StringBuilder("L'application ne démarre pas : ").append(cause.problems().size())
                .append(cause.problems().size() == 1 ? " réglage manque ou est faux" : " réglages manquent ou sont faux")
                .append(" (rien n'a été fait dans la base de données).");
        for (String problem : cause.problems()) {
            description.append("\n  - ").append(problem);
        }
        return new FailureAnalysis(description.toString(),
                "Corrigez ces réglages (variables d'environnement ou application.yml), puis redémarrez.", cause);
    }
}
