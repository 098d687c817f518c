package fr.adminteleservices.platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.StatelessKieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The DRL files of {@code rules/}, one knowledge base per file named after it
 * ({@code guardian-legal-rank.drl} → {@code session("guardian-legal-rank")}). Built at start; a
 * compilation error stops start-up and names the file and the line. {@link #reload()} rebuilds and
 * swaps atomically, keeping the previous rules if the new ones do not compile.
 */
@Component
public class RuleBook {

    private static final Logger log = LoggerFactory.getLogger(RuleBook.class);
    private static final AtomicLong BUILDS = new AtomicLong();

    private final String directory;
    private volatile KieContainer container;
    private volatile List<String> ruleFiles = List.of();

    public RuleBook(@Value("${teleservices.rules-dir:rules}") String directory) {
        this.directory = directory;
        reload();
    }

    public StatelessKieSession session(String ruleFile) {
        if (!ruleFiles.contains(ruleFile)) {
            throw new IllegalArgumentException("No rule file " + ruleFile + ".drl in " + directory + " (known: " + ruleFiles + ")");
        }
        return container.getKieBase(ruleFile).newStatelessKieSession();
    }

    public List<String> ruleFiles() {
        return ruleFiles;
    }

    /** Builds every DRL of the folder; KieBuilder is not safe to run concurrently, hence synchronized. */
    public synchronized void reload() {
        long started = System.nanoTime();
        AnalystFolder folder = AnalystFolder.load(directory, "rules", ".drl");
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("fr.adminteleservices", "rules", "1.0." + BUILDS.incrementAndGet());
        KieFileSystem kfs = ks.newKieFileSystem();
        KieModuleModel module = ks.newKieModuleModel();
        Map<String, String> pathToFile = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (AnalystFolder.AnalystFile file : folder.files()) {
            String base = file.name().substring(file.name().lastIndexOf('/') + 1).replaceFirst("\\.drl$", "");
            // a knowledge base takes the files of a resource folder: one folder per DRL file
            String pkgFolder = "kb_" + base.replaceAll("[^A-Za-z0-9]", "_");
            String path = "src/main/resources/" + pkgFolder + "/" + base + ".drl";
            kfs.write(path, file.content());
            pathToFile.put(path, file.name());
            module.newKieBaseModel(base).addPackage(pkgFolder);
            names.add(base);
        }
        kfs.writeKModuleXML(module.toXML());
        kfs.generateAndWritePomXML(releaseId);
        ClassLoader classLoader = RuleBook.class.getClassLoader();
        KieBuilder builder = ks.newKieBuilder(kfs, classLoader).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            StringBuilder msg = new StringBuilder("Rules in " + folder.description() + " do not compile:");
            for (Message m : errors) {
                msg.append("\n  ").append(pathToFile.getOrDefault(m.getPath(), String.valueOf(m.getPath())))
                        .append(", line ").append(m.getLine()).append(": ").append(m.getText().strip());
            }
            throw new RuleCompilationException(msg.toString());
        }
        this.container = ks.newKieContainer(releaseId, classLoader);
        this.ruleFiles = List.copyOf(names);
        log.info("Rules loaded from {}: {} in {} ms", folder.description(), names, (System.nanoTime() - started) / 1_000_000);
    }

    public static class RuleCompilationException extends IllegalStateException {
        public RuleCompilationException(String message) {
            super(message);
        }
    }
}
