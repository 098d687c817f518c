package fr.adminteleservices.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a business analyst gets when editing processes/ and rules/: new versions, or a precise error. */
class AnalystFilesTest {

    @TempDir
    Path dir;

    @Test
    void aDrlThatDoesNotCompileNamesItsFileAndLine() throws IOException {
        Files.copy(Path.of("rules/guardian-legal-rank.drl"), dir.resolve("guardian-legal-rank.drl"));
        Files.writeString(dir.resolve("broken-rule.drl"), """
                package x;
                rule "cassée"
                when
                    $d : UnknownFact( )
                then
                end
                """, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new RuleBook(dir.toString()))
                .isInstanceOf(RuleBook.RuleCompilationException.class)
                .hasMessageContaining("broken-rule.drl, ligne 4")
                .hasMessageNotContaining("guardian-legal-rank.drl, ligne");
    }

    @Test
    void aBrokenEditAtReloadKeepsTheRulesInForce() throws IOException {
        Files.copy(Path.of("rules/guardian-legal-rank.drl"), dir.resolve("guardian-legal-rank.drl"));
        RuleBook book = new RuleBook(dir.toString());
        Files.writeString(dir.resolve("guardian-legal-rank.drl"), "package x;\nrule \"cassée\" when then oups end\n");

        assertThatThrownBy(book::reload).hasMessageContaining("guardian-legal-rank.drl, ligne");

        fr.adminteleservices.siecle.LegalRankDecision d = new fr.adminteleservices.siecle.LegalRankDecision("1", "2", "1", null, 1);
        book.session("guardian-legal-rank").execute(java.util.List.of(d));
        assertThat(d.getLegalRank()).isEqualTo(1);
    }

    @Test
    void theRulesFolderFallsBackToThePackagedCopy() {
        // target/classes/bundled/rules is what the jar carries
        RuleBook packaged = new RuleBook(dir.resolve("does-not-exist").toString());
        assertThat(packaged.ruleFiles()).contains("guardian-legal-rank");
    }

    @Test
    void aBrokenBpmnStopsTheEngineWithItsFileAndLine() throws IOException {
        Files.copy(Path.of("processes/siecle-import.bpmn"), dir.resolve("siecle-import.bpmn"));
        Files.writeString(dir.resolve("cassé.bpmn"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
                  <bpmn:process id="casse" isExecutable="true">
                    <bpmn:startEvent id="debut" />
                    <bpmn:sequenceFlow id="f" sourceRef="debut" targetRef="nulle-part" />
                  </bpmn:process>
                </bpmn:definitions>
                """, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> engineWith(dir))
                .hasMessageContaining("cassé.bpmn, ligne 5");
    }

    /** Issue 15, point 9: Camunda deployed P18X and failed only when the next code started its lifecycle. */
    @Test
    void aTimerThatIsNoDurationStopsStartUpWithItsFileLineAndElement() throws IOException {
        copyEdited("car-lifecycle.bpmn", ">P1Y<", ">P18X<");
        assertThatThrownBy(() -> engineWith(dir)).isInstanceOf(AnalystFileException.class)
                .hasMessageContaining("car-lifecycle.bpmn, ligne 47, élément « UnAnSansCompte » (Un an sans compte) : "
                        + "minuterie « P18X » invalide (timeDuration attend une durée ISO 8601");
    }

    @Test
    void aWrongCycleDateOrExpressionIsRefusedAtReloadAndNothingIsDeployed() throws IOException {
        Files.copy(Path.of("processes/replication.bpmn"), dir.resolve("replication.bpmn"));
        Files.copy(Path.of("processes/teleinscription.bpmn"), dir.resolve("teleinscription.bpmn"));
        Files.copy(Path.of("processes/siecle-import.bpmn"), dir.resolve("siecle-import.bpmn"));
        ProcessEngine engine = engineWith(dir);
        try {
            Path replication = dir.resolve("replication.bpmn");
            Files.writeString(replication, Files.readString(replication).replace("0 0 2 * * ?", "0 0 25 * * ?"));
            Path teleinscription = dir.resolve("teleinscription.bpmn");
            Files.writeString(teleinscription, Files.readString(teleinscription).replace("${closesAt}", "2027-13-45T25:00"));
            Path siecle = dir.resolve("siecle-import.bpmn");
            Files.writeString(siecle, Files.readString(siecle).replace("${delaiReponse}", "${delaiReponse +}"));

            assertThatThrownBy(() -> new ProcessFolderDeployer(dir.toString()).deploy(engine))
                    .isInstanceOf(AnalystFileException.class)
                    .hasMessageContaining("replication.bpmn, ligne 26, élément « ")
                    .hasMessageContaining("minuterie « 0 0 25 * * ? » invalide (timeCycle attend")
                    .hasMessageContaining("teleinscription.bpmn, ligne 68, élément « ")
                    .hasMessageContaining("minuterie « 2027-13-45T25:00 » invalide (timeDate attend")
                    // its line moves with the file's edits: the element is what the analyst looks for
                    .hasMessageMatching("(?s).*siecle-import\\.bpmn, ligne \\d+, élément « DelaiDepasse ».*")
                    .hasMessageContaining("la minuterie « ${delaiReponse +} » ne se lit pas");
            assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(1);
        } finally {
            engine.close();
        }
    }

    @Test
    void aConditionOrAnAttributeThatDoesNotParseIsRefused() throws IOException {
        copyEdited("car-lifecycle.bpmn", "${carExpiry}", "${carExpiry");
        copyEdited("code-generation.bpmn", "${remaining &gt; 0}", "${remaining &gt;}");
        assertThatThrownBy(() -> engineWith(dir)).isInstanceOf(AnalystFileException.class)
                .hasMessageContaining("élément « InvaliderCodeExpire » (Invalider le code expiré) : "
                        + "l'attribut camunda:delegateExpression « ${carExpiry » ne se lit pas")
                .hasMessageMatching("(?s).*code-generation\\.bpmn, ligne 43, élément « [^»]+ ».* : "
                        + "l'expression « \\$\\{remaining >\\} » ne se lit pas.*");
    }

    /** Issue 15, point 10: not well-formed XML is the analyst's error, with its file and line. */
    @Test
    void xmlThatIsNotWellFormedNamesItsFileAndLine() throws IOException {
        copyEdited("car-lifecycle.bpmn", "</bpmn:intermediateCatchEvent>", "</bpmn:intermediateCatchEvnt>");
        assertThatThrownBy(() -> engineWith(dir)).isInstanceOf(AnalystFileException.class)
                .hasMessageMatching("(?s).*car-lifecycle\\.bpmn, ligne \\d+, colonne \\d+ : XML mal formé .*");
    }

    @Test
    void anUnchangedFileKeepsItsVersionAndAChangedOneBecomesANewVersion() throws IOException {
        Files.copy(Path.of("processes/siecle-import.bpmn"), dir.resolve("siecle-import.bpmn"));
        ProcessEngine first = engineWith(dir);
        try {
            assertThat(first.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("siecle-import")
                    .latestVersion().singleResult().getVersion()).isEqualTo(1);
            new ProcessFolderDeployer(dir.toString()).postProcessEngineBuild(first);
            assertThat(first.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("siecle-import")
                    .latestVersion().singleResult().getVersion()).isEqualTo(1);

            Path bpmn = dir.resolve("siecle-import.bpmn");
            Files.writeString(bpmn, Files.readString(bpmn).replace("Import terminé", "Import terminé sans rejet"));
            new ProcessFolderDeployer(dir.toString()).postProcessEngineBuild(first);
            assertThat(first.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("siecle-import")
                    .latestVersion().singleResult().getVersion()).isEqualTo(2);
        } finally {
            first.close();
        }
    }

    /** Issue 17, point 7: two nodes with the same files in different folders make no new version. */
    @Test
    void theSameFilesInAnotherFolderDeployNothingNew() throws IOException {
        Path first = Files.createDirectories(dir.resolve("noeud-a/processes"));
        Path second = Files.createDirectories(dir.resolve("ailleurs/noeud-b/processes"));
        for (Path folder : new Path[] {first, second}) {
            Files.copy(Path.of("processes/siecle-import.bpmn"), folder.resolve("siecle-import.bpmn"));
            Files.copy(Path.of("processes/code-notification.bpmn"), folder.resolve("code-notification.bpmn"));
        }
        ProcessEngine engine = engineWith(first);
        try {
            assertThat(new ProcessFolderDeployer(second.toString()).deploy(engine)).isZero();
            assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("siecle-import")
                    .latestVersion().singleResult().getVersion()).isEqualTo(1);
            assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(1);
            // an edited file in the second folder is a new version, the other file is not
            Path edited = second.resolve("siecle-import.bpmn");
            Files.writeString(edited, Files.readString(edited).replace("Import terminé", "Import terminé sans rejet"));
            assertThat(new ProcessFolderDeployer(second.toString()).deploy(engine)).isEqualTo(1);
            assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("code-notification")
                    .latestVersion().singleResult().getVersion()).isEqualTo(1);
        } finally {
            engine.close();
        }
    }

    /** Copies processes/{file} into the test folder with one edit, which must apply. */
    private void copyEdited(String file, String from, String to) throws IOException {
        String content = Files.readString(Path.of("processes", file));
        assertThat(content).contains(from);
        Files.writeString(dir.resolve(file), content.replace(from, to));
    }

    private static ProcessEngine engineWith(Path processes) {
        StandaloneInMemProcessEngineConfiguration config = new StandaloneInMemProcessEngineConfiguration();
        config.setJdbcUrl("jdbc:h2:mem:analyst-" + System.nanoTime());
        config.setDatabaseSchemaUpdate("create-drop");
        config.setJobExecutorActivate(false);
        config.setHistory("none");
        config.setProcessEngineName("analyst-" + System.nanoTime());
        config.getProcessEnginePlugins().add(new ProcessFolderDeployer(processes.toString()));
        return config.buildProcessEngine();
    }
}
