package fr.adminteleservices.platform;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Deploys {@code processes/} (BPMN, DMN and Camunda forms) when the engine starts, in one deployment
 * with relative resource names, a fixed name and source, and duplicate filtering: an unchanged file keeps
 * its version, wherever the folder is, a changed one becomes a new version. A parse error stops start-up with the file, line and column.
 */
@Component
class ProcessFolderDeployer extends AbstractProcessEnginePlugin {

    static final String DEPLOYMENT_NAME = "admin-teleservices-processes";
    /**
     * The same on every node: Camunda filters duplicates among the deployments of the same name and
     * source, so a source naming the folder's absolute path made each node in another folder deploy
     * every process again as a new version.
     */
    static final String DEPLOYMENT_SOURCE = "processes";
    private static final Logger log = LoggerFactory.getLogger(ProcessFolderDeployer.class);

    private final String directory;

    @Autowired
    ProcessFolderDeployer(PlatformProperties platform) {
        this(platform.processesDir());
    }

    ProcessFolderDeployer(String directory) {
        this.directory = directory;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        deploy(engine);
    }

    /** Deploys the folder; returns how many new process definition versions it made. */
    int deploy(ProcessEngine engine) {
        return deployNewVersions(engine).size();
    }

    /**
     * Checks the folder (well-formed XML, timers, expressions), then deploys it in one deployment or not
     * at all; returns the process definition versions it made.
     */
    List<ProcessDefinition> deployNewVersions(ProcessEngine engine) {
        AnalystFolder bpmn = AnalystFolder.load(directory, "processes", ".bpmn");
        AnalystFolder forms = AnalystFolder.load(directory, "processes", ".form");
        AnalystFolder dmn = AnalystFolder.load(directory, "processes", ".dmn");
        DeploymentBuilder builder = engine.getRepositoryService().createDeployment()
                .name(DEPLOYMENT_NAME)
                .source(DEPLOYMENT_SOURCE)
                .enableDuplicateFiltering(true);
        int count = 0;
        List<String> problems = new ArrayList<>();
        for (AnalystFolder folder : new AnalystFolder[] {bpmn, dmn}) {
            folder.files().forEach(f -> problems.addAll(ProcessFileCheck.problems(f)));
        }
        if (!problems.isEmpty()) {
            throw new AnalystFileException("Les processus de " + bpmn.description() + " sont refusés, rien n'est déployé :\n  "
                    + String.join("\n  ", problems));
        }
        for (AnalystFolder folder : new AnalystFolder[] {bpmn, forms, dmn}) {
            for (AnalystFolder.AnalystFile f : folder.files()) {
                builder.addInputStream(f.name(), new ByteArrayInputStream(f.content()));
                count++;
            }
        }
        if (count == 0) {
            throw new AnalystFileException("Aucun processus dans " + bpmn.description());
        }
        try {
            DeploymentWithDefinitions deployment = builder.deployWithResult();
            List<ProcessDefinition> versions = deployment.getDeployedProcessDefinitions() == null ? List.of()
                    : deployment.getDeployedProcessDefinitions();
            log.info("Processes from {}: {} file(s), {} new definition version(s)", bpmn.description(), count, versions.size());
            return versions;
        } catch (ParseException e) {
            StringBuilder msg = new StringBuilder("Les processus de " + bpmn.description()
                    + " ne se lisent pas, rien n'est déployé :");
            for (ResourceReport report : e.getResorceReports()) {
                for (Problem p : report.getErrors()) {
                    msg.append("\n  ").append(report.getResourceName()).append(", ligne ").append(p.getLine())
                            .append(", colonne ").append(p.getColumn())
                            .append(p.getMainElementId() == null ? "" : ", élément « " + p.getMainElementId() + " »")
                            .append(" : ").append(p.getMessage());
                }
            }
            throw new AnalystFileException(msg.toString(), e);
        }
    }
}
