package fr.adminteleservices.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every user task of {@code processes/}, tried through the engine's API as {@code /engine-rest} and Tasklist
 * call it (the engine authenticated as the user, with their groups and tenants): a head of another
 * establishment, a head of the same establishment and an académie administrator list, claim, set a variable
 * and complete it. Only the right people succeed, and a refusal changes nothing. On H2 and MariaDB (the
 * authorization and tenant checks are SQL of each database).
 */
abstract class UserTaskAccessContract {

    static final String COLLEGE = "0990001N";
    static final String LYCEE = "0990002P";
    static final String HEAD_OF_COLLEGE = "chef." + COLLEGE;
    static final String HEAD_OF_LYCEE = "chef." + LYCEE;
    static final String ACADEMY_ADMIN = "academie";

    /** The user tasks this class walks; a new user task in processes/ must be added here, with its scenario. */
    static final Set<String> COVERED = Set.of("rollover:ConfirmerDates", "siecle-import:ExaminerRejets", "siecle-import:ConfirmerImport",
            "teleinscription:ChoisirOptions", "teleinscription:ConfirmerInscription");

    @Autowired
    ProcessEngine engine;
    @Autowired
    fr.adminteleservices.establishment.EstablishmentService establishments;
    @Autowired
    Directory directory;

    @AfterEach
    void nobody() {
        engine.getIdentityService().clearAuthentication();
    }

    @Test
    void everyUserTaskOfTheProcessesFolderHasItsScenario() {
        Set<String> userTasks = new TreeSet<>();
        for (File file : new File("processes").listFiles((dir, name) -> name.endsWith(".bpmn"))) {
            var model = Bpmn.readModelFromFile(file);
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                Process process = (Process) parentProcess(task);
                userTasks.add(process.getId() + ":" + task.getId());
            }
        }
        assertThat(userTasks).containsExactlyInAnyOrderElementsOf(COVERED);
    }

    private static org.camunda.bpm.model.xml.instance.ModelElementInstance parentProcess(
            org.camunda.bpm.model.xml.instance.ModelElementInstance element) {
        var parent = element.getParentElement();
        return parent instanceof Process ? parent : parentProcess(parent);
    }

    @Test
    void onlyAnAcademyAdministratorSeesAndConfirmsTheRollover() {
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByMessage("bascule-demandee",
                Map.of("startedBy", "test", "academyCode", establishments.defaultAcademyCode()));
        assertThat(pi.getTenantId()).isEqualTo(Roles.ACADEMY_TENANT);
        Task task = onlyTask(pi);

        for (String head : List.of(HEAD_OF_COLLEGE, HEAD_OF_LYCEE)) {
            assertThat(as(head, () -> engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi.getId()).count()))
                    .as("%s sees the académie's rollover instance", head).isZero();
            assertThat(as(head, () -> engine.getHistoryService().createHistoricProcessInstanceQuery()
                    .processInstanceId(pi.getId()).count())).isZero();
            assertRefusedEverything(head, task);
        }

        Map<String, Object> abandon = Map.of("confirmed", false);
        as(ACADEMY_ADMIN, () -> {
            assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);
            engine.getTaskService().claim(task.getId(), ACADEMY_ADMIN);
            engine.getTaskService().complete(task.getId(), abandon);
            return null;
        });
        // the history names the authenticated user, not « administrateur d'académie »
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName("confirmedBy").singleResult().getValue()).isEqualTo(ACADEMY_ADMIN);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    void aRolloverTaskGivenToAHeadByMistakeIsStillRefusedAtCompletion() {
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByMessage("bascule-demandee",
                Map.of("startedBy", "test", "academyCode", establishments.defaultAcademyCode()));
        Task task = onlyTask(pi);
        // a grant written by hand in Camunda Admin: the head now sees and may update the task...
        var grant = engine.getAuthorizationService().createNewAuthorization(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
        grant.setUserId(HEAD_OF_COLLEGE);
        grant.setResource(org.camunda.bpm.engine.authorization.Resources.TASK);
        grant.setResourceId(task.getId());
        grant.addPermission(org.camunda.bpm.engine.authorization.Permissions.ALL);
        engine.getAuthorizationService().saveAuthorization(grant);
        try {
            // ...but not the académie's tenant, and not the candidate group: the completion refuses
            assertThatThrownBy(() -> as(HEAD_OF_COLLEGE, () -> {
                engine.getTaskService().complete(task.getId(), Map.of("confirmed", true));
                return null;
            })).isInstanceOf(ProcessEngineException.class);
            assertThat(onlyTask(pi).getId()).isEqualTo(task.getId());
        } finally {
            engine.getAuthorizationService().deleteAuthorization(grant.getId());
            engine.getRuntimeService().deleteProcessInstance(pi.getId(), "test");
        }
    }

    @Test
    void theRejectsOfAnImportAreTheEstablishmentsHeadsOnly() {
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceByKey("siecle-import")
                .processDefinitionWithoutTenantId().businessKey("test-rejets-" + System.nanoTime())
                .setVariable("uai", COLLEGE).setVariable("importId", "test").setVariable("rejectedCount", 2L)
                .setVariable("reportUrl", "/etablissements/" + COLLEGE + "/imports")
                .startBeforeActivity("ExaminerRejets").execute();
        assertThat(pi.getTenantId()).isEqualTo(COLLEGE);
        Task task = onlyTask(pi);

        assertRefusedEverything(HEAD_OF_LYCEE, task);

        as(HEAD_OF_COLLEGE, () -> {
            assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).list()).extracting(Task::getId)
                    .containsExactly(task.getId());
            engine.getTaskService().claim(task.getId(), HEAD_OF_COLLEGE);
            engine.getTaskService().setVariable(task.getId(), "rejetsExamines", false);
            return null;
        });
        // the establishment's own head cannot send the process to another establishment
        assertThatThrownBy(() -> as(HEAD_OF_COLLEGE, () -> {
            engine.getTaskService().complete(task.getId(), Map.of("uai", LYCEE, "rejetsExamines", true));
            return null;
        })).isInstanceOf(ProcessEngineException.class).hasMessageContaining("uai");
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "uai")).isEqualTo(COLLEGE);

        as(HEAD_OF_COLLEGE, () -> {
            engine.getTaskService().complete(task.getId(), Map.of("rejetsExamines", true));
            return null;
        });
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    void anEstablishmentsTaskGoesToItsOnlyHeadAndStaysInTheQueueWhenThereAreSeveral() {
        Task alone = onlyTask(rejectsTaskOf(COLLEGE));
        assertThat(alone.getAssignee()).as("the collège's only head gets it, so Tasklist needs no « Réclamer »")
                .isEqualTo(HEAD_OF_COLLEGE);
        // ...and it is still theirs only: the lycée's head neither sees nor completes it
        assertRefusedEverything(HEAD_OF_LYCEE, alone);

        String deputy = "adjoint." + COLLEGE + "." + System.nanoTime();
        directory.createHead(deputy, "mot-de-passe-adjoint", "Adjoint", "Test", COLLEGE);
        try {
            Task shared = onlyTask(rejectsTaskOf(COLLEGE));
            assertThat(shared.getAssignee()).as("two heads: claiming tells the other who took it").isNull();
            as(deputy, () -> {
                engine.getTaskService().claim(shared.getId(), deputy);
                engine.getTaskService().complete(shared.getId(), Map.of("rejetsExamines", true));
                return null;
            });
        } finally {
            engine.getIdentityService().deleteUser(deputy);
            engine.getRuntimeService().deleteProcessInstance(alone.getProcessInstanceId(), "test");
        }
    }

    private ProcessInstance rejectsTaskOf(String uai) {
        return engine.getRuntimeService().createProcessInstanceByKey("siecle-import")
                .processDefinitionWithoutTenantId().businessKey("test-seul-" + System.nanoTime())
                .setVariable("uai", uai).setVariable("importId", "test").setVariable("rejectedCount", 1L)
                .setVariable("reportUrl", "/etablissements/" + uai + "/imports/test")
                .startBeforeActivity("ExaminerRejets").execute();
    }

    @Test
    void anImportThatWouldEmptyTheEstablishmentIsConfirmedByItsOwnHeadsOnly() {
        String importId = "test-garde-fou-" + System.nanoTime();
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceByKey("siecle-import")
                .processDefinitionWithoutTenantId().businessKey(importId)
                .setVariable("uai", COLLEGE).setVariable("importId", importId).setVariable("importedBy", HEAD_OF_COLLEGE)
                .setVariable("studentsLeaving", 410L).setVariable("studentsPresent", 412L).setVariable("linksEnding", 800L)
                .setVariable("motifConfirmation", "fait partir 410 élèves") // set by « Lire les exports et appliquer la différence »
                .setVariable("delaiReponse", "P7D")
                .setVariable("reportUrl", "/etablissements/" + COLLEGE + "/imports/" + importId)
                .startBeforeActivity("ConfirmerImport").execute();
        assertThat(pi.getTenantId()).isEqualTo(COLLEGE);
        Task task = onlyTask(pi);
        assertThat(task.getName()).isEqualTo("Confirmer un import qui fait partir 410 élèves");

        assertRefusedEverything(HEAD_OF_LYCEE, task);

        as(HEAD_OF_COLLEGE, () -> {
            assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);
            engine.getTaskService().claim(task.getId(), HEAD_OF_COLLEGE);
            engine.getTaskService().setVariable(task.getId(), "confirmed", false);
            engine.getTaskService().complete(task.getId(), Map.of("confirmed", false));
            return null;
        });
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
                .getEndActivityId()).isEqualTo("ImportAnnule");
    }

    @Test
    void aFamilysTeleinscriptionTasksAreNeverWorkedThroughTheEngine() {
        for (String activity : List.of("ChoisirOptions", "ConfirmerInscription")) {
            ProcessInstance pi = engine.getRuntimeService().createProcessInstanceByKey("teleinscription")
                    .processDefinitionWithoutTenantId().businessKey(LYCEE + ":test-" + System.nanoTime())
                    .setVariable("uai", LYCEE).setVariable("assignmentId", -1L).setVariable("accountId", -1L)
                    .setVariable("closesAt", new Date(System.currentTimeMillis() + 86_400_000L))
                    .startBeforeActivity(activity).execute();
            try {
                Task task = onlyTask(pi);
                assertRefusedEverything(HEAD_OF_LYCEE, task);
                assertRefusedEverything(HEAD_OF_COLLEGE, task);
                // the académie administrator sees it (Cockpit), but the completion is the family's, on the portal
                assertThatThrownBy(() -> as(ACADEMY_ADMIN, () -> {
                    engine.getTaskService().complete(task.getId(), Map.of("choices", "a=FORGED", "confirmed", true));
                    return null;
                })).isInstanceOf(ProcessEngineException.class).hasMessageContaining("portail");
                assertThat(onlyTask(pi).getTaskDefinitionKey()).isEqualTo(activity);
            } finally {
                engine.getRuntimeService().deleteProcessInstance(pi.getId(), "test");
            }
        }
    }

    /** The user cannot list, read, claim, set a variable on or complete the task; it stays as it was. */
    private void assertRefusedEverything(String user, Task task) {
        var tasks = engine.getTaskService();
        assertThat(as(user, () -> tasks.createTaskQuery().taskId(task.getId()).count())).as("%s lists the task", user).isZero();
        assertThat(as(user, () -> tasks.createTaskQuery().processInstanceId(task.getProcessInstanceId()).count())).isZero();
        List<Runnable> attempts = new ArrayList<>();
        attempts.add(() -> tasks.claim(task.getId(), user));
        attempts.add(() -> tasks.setAssignee(task.getId(), user));
        attempts.add(() -> tasks.setVariable(task.getId(), "confirmed", true));
        attempts.add(() -> tasks.getVariables(task.getId()));
        attempts.add(() -> tasks.complete(task.getId(), Map.of("confirmed", true, "rejetsExamines", true)));
        for (Runnable attempt : attempts) {
            assertThatThrownBy(() -> as(user, () -> {
                attempt.run();
                return null;
            })).as("%s acted on « %s »", user, task.getName()).isInstanceOf(ProcessEngineException.class);
        }
        Task after = tasks.createTaskQuery().taskId(task.getId()).singleResult();
        assertThat(after).as("the task is still there").isNotNull();
        assertThat(after.getAssignee()).isNotEqualTo(user);
    }

    private Task onlyTask(ProcessInstance pi) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    /** Runs the call authenticated as the user, with the groups and tenants the REST API gives them. */
    <T> T as(String user, Supplier<T> call) {
        var identity = engine.getIdentityService();
        List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
        List<String> tenants = identity.createTenantQuery().userMember(user).includingGroupsOfUser(true).list().stream()
                .map(Tenant::getId).toList();
        identity.setAuthentication(user, groups, tenants);
        try {
            return call.get();
        } finally {
            identity.clearAuthentication();
        }
    }
}
