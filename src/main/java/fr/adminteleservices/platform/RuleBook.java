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
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.StatelessKieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The DRL files of {@code rules/}, one container (knowledge base) per file, named after it
 * ({@code guardian-legal-rank.drl} → {@code session("guardian-legal-rank")}). Built at start; a
 * compilation error stops start-up and names the file and the line. {@link #reload()} rebuilds and
 * swaps atomically, keeping the previous rules if the new ones do not compile. On several nodes, the rules in
 * force are the latest release in the database ({@link ClusterRules}): {@link #version()} is the one this node runs.
 */
@Component
public class RuleBook {

    private static final Logger log = LoggerFactory.getLogger(RuleBook.class);
    private static final AtomicLong BUILDS = new AtomicLong();

    private final String directory;
    private volatile Map<String, KieContainer> containers = Map.of();
    private volatile List<String> ruleFiles = List.of();
    /** The DRL texts of the rules in force, as compiled. */
    private volatile List<AnalystFolder.AnalystFile> sources = List.of();
    /** The release (rules_release.version) in force; 0 until the folder's rules are matched to one. */
    private volatile long version;
    /** Counts the swaps of the rules in force on this node: what was decided under an older count is stale. */
    private volatile long generation;

    @Autowired
    RuleBook(PlatformProperties platform) {
        this(platform.rulesDir());
    }

    public RuleBook(String directory) {
        this.directory = directory;
        reload();
    }

    public StatelessKieSession session(String ruleFile) {
        if (!ruleFiles.contains(ruleFile)) {
            throw new IllegalArgumentException("No rule file " + ruleFile + ".drl in " + directory + " (known: " + ruleFiles + ")");
        }
        return containers.get(ruleFile).newStatelessKieSession();
    }

    public List<String> ruleFiles() {
        return ruleFiles;
    }

    long version() {
        return version;
    }

    /** Changes whenever other rules come in force on this node (a reload, another node's release): caches of decisions key on it. */
    public long generation() {
        return generation;
    }

    List<AnalystFolder.AnalystFile> sources() {
        return sources;
    }

    /** The rules in force are release {@code release} (published from the same texts). */
    synchronized void inForceAs(long release) {
        version = release;
    }

    /** Compiles and swaps in the rules; the rules in force stay if one file does not compile. */
    public synchronized void reload() {
        prepare().apply();
    }

    /**
     * Builds every DRL of the folder, each into its own container (one knowledge base per decision),
     * without touching the rules in force: the reload swaps them in only once the processes are deployed
     * too. KieBuilder is not safe to run concurrently.
     */
    synchronized Compiled prepare() {
        AnalystFolder folder = AnalystFolder.load(directory, "rules", ".drl");
        return prepare(folder.files(), folder.description());
    }

    /** The same from DRL texts, e.g. a release another node published. */
    synchronized Compiled prepare(List<AnalystFolder.AnalystFile> files, String source) {
        long started = System.nanoTime();
        KieServices ks = KieServices.Factory.get();
        ClassLoader classLoader = RuleBook.class.getClassLoader();
        Map<String, KieContainer> built = new HashMap<>();
        List<String> errors = new ArrayList<>();
        for (AnalystFolder.AnalystFile file : files) {
            String base = file.name().substring(file.name().lastIndexOf('/') + 1).replaceFirst("\\.drl$", "");
            ReleaseId releaseId = ks.newReleaseId("fr.adminteleservices.rules", base.replaceAll("[^A-Za-z0-9]", "-"),
                    "1.0." + BUILDS.incrementAndGet());
            KieFileSystem kfs = ks.newKieFileSystem();
            kfs.generateAndWritePomXML(releaseId);
            kfs.write("src/main/resources/rules/" + base + ".drl", file.content());
            KieBuilder builder = ks.newKieBuilder(kfs, classLoader).buildAll();
            for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
                errors.add(file.name() + ", ligne " + m.getLine() + " : " + m.getText().strip());
            }
            if (builder.getResults().getMessages(Message.Level.ERROR).isEmpty()) {
                built.put(base, ks.newKieContainer(releaseId, classLoader));
            }
        }
        if (!errors.isEmpty()) {
            built.values().forEach(KieContainer::dispose); // the rules in force stay as they were
            throw new RuleCompilationException("Les règles de " + source + " ne compilent pas :\n  "
                    + String.join("\n  ", errors));
        }
        return new Compiled(Map.copyOf(built), List.copyOf(files), source, started);
    }

    /** Rules compiled but not yet in force. */
    final class Compiled {
        private final Map<String, KieContainer> built;
        private final List<AnalystFolder.AnalystFile> files;
        private final String source;
        private final long started;

        private Compiled(Map<String, KieContainer> built, List<AnalystFolder.AnalystFile> files, String source, long started) {
            this.built = built;
            this.files = files;
            this.source = source;
            this.started = started;
        }

        List<AnalystFolder.AnalystFile> files() {
            return files;
        }

        /** Swaps these rules in, keeping the release number in force (a start, before it is matched to a release). */
        void apply() {
            apply(version);
        }

        /** Swaps these rules in as release {@code release}. */
        void apply(long release) {
            synchronized (RuleBook.this) {
                Map<String, KieContainer> previous = containers;
                containers = built;
                sources = files;
                version = release;
                generation++;
                ruleFiles = built.keySet().stream().sorted().toList();
                previous.values().forEach(KieContainer::dispose);
                log.info("Rules loaded from {}: {} in {} ms", source, ruleFiles, (System.nanoTime() - started) / 1_000_000);
            }
        }

        void discard() {
            built.values().forEach(KieContainer::dispose);
        }
    }

    public static class RuleCompilationException extends AnalystFileException {
        public RuleCompilationException(String message) {
            super(message);
        }
    }
}
