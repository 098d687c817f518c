package fr.adminteleservices.platform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.adminteleservices.Application;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The whole application refuses to start on a broken process or rule file, and says which and where. */
class BrokenFilesStopStartupTest {

    @TempDir
    Path dir;

    @Test
    void aBrokenRuleFileStopsStartUp() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("guardian-legal-rank.drl"), Files.readString(Path.of("rules/guardian-legal-rank.drl"))
                .replace("modify($d) { legal(1, \"Responsable légal 1 (RESP_LEGAL 1).\") };", "modify($d) { legal(1, ) };"));
        assertThatThrownBy(() -> start("teleservices.rules-dir=" + rules))
                .rootCause().isInstanceOf(RuleBook.RuleCompilationException.class)
                .hasMessageMatching("(?s).*guardian-legal-rank\\.drl, ligne \\d+ : .*");
    }

    @Test
    void aBrokenProcessFileStopsStartUp() throws IOException {
        Path processes = Files.createDirectories(dir.resolve("processes"));
        Files.writeString(processes.resolve("siecle-import.bpmn"), Files.readString(Path.of("processes/siecle-import.bpmn"))
                .replace("targetRef=\"RejetsPresents\"", "targetRef=\"NullePart\""));
        assertThatThrownBy(() -> start("teleservices.processes-dir=" + processes))
                .hasStackTraceContaining("siecle-import.bpmn, ligne");
    }

    private static void start(String property) {
        // command-line arguments outrank the application's own configuration
        new SpringApplicationBuilder(Application.class)
                .profiles("test")
                .run("--" + property, "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:broken-" + System.nanoTime() + ";MODE=MariaDB;DB_CLOSE_DELAY=-1",
                        "--camunda.bpm.process-engine-name=broken" + System.nanoTime())
                .close();
    }
}
