package fr.adminteleservices.security;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.stereotype.Component;

/**
 * Who may complete a user task, checked by the engine itself at every completion, whatever the way in
 * ({@code /engine-rest}, Tasklist, the application). Camunda's authorizations decide who sees and claims a
 * task; this listener makes the completion itself refuse, so that a grant given by mistake later cannot
 * let a head confirm the académie's rollover:
 * <ul>
 * <li>a user authenticated in the engine (REST, Tasklist) completes a task only when one of their groups is
 * a candidate group of the task (or they are a candidate user), and, unless they are an académie
 * administrator, when they belong to the task's tenant;</li>
 * <li>a task without candidates is a family's (téléinscription): it is completed on the portal only, never
 * through the engine's own surfaces, even by an académie administrator;</li>
 * <li>the {@code uai} variable of an establishment's instance must stay its tenant: a variable set through
 * the REST API cannot send the rest of the process to another establishment.</li>
 * </ul>
 * The application's own screens and API call the engine without an engine authentication: they checked the
 * user's role and establishment before (Spring Security), and record who did it themselves.
 */
@Component("engineTaskGuard")
public class EngineTaskGuard extends AbstractProcessEnginePlugin implements TaskListener {

    /** How every refusal starts: the engine wraps it in a 500, which {@link EngineErrorScrubber} turns back to 403. */
    static final String REFUSED = "Accès refusé : ";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EveryUserTask.listen(configuration, TaskListener.EVENTNAME_COMPLETE, this);
    }

    @Override
    public void notify(DelegateTask task) {
        String tenant = task.getTenantId();
        Object uai = task.getExecution() == null ? null : task.getExecution().getVariable("uai");
        if (uai != null && tenant != null && !Roles.ACADEMY_TENANT.equals(tenant) && !tenant.equals(uai)) {
            throw new AuthorizationException(REFUSED + "la variable « uai » de cette tâche est celle de l'établissement " + tenant
                    + " : elle ne peut pas être changée.");
        }
        Authentication who = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (who == null) {
            return;
        }
        List<String> groups = who.getGroupIds() == null ? List.of() : who.getGroupIds();
        boolean academyAdmin = groups.contains(Roles.ACADEMY_ADMINS_GROUP);
        if (task.getCandidates().isEmpty()) {
            throw new AuthorizationException(REFUSED + "la tâche « " + task.getName() + " » est celle d'une famille : elle se fait "
                    + "sur le portail des téléservices, pas dans Tasklist ni par l'API du moteur.");
        }
        boolean candidate = false;
        for (IdentityLink link : task.getCandidates()) {
            candidate |= link.getGroupId() != null && groups.contains(link.getGroupId())
                    || who.getUserId().equals(link.getUserId());
        }
        if (!candidate) {
            throw new AuthorizationException(REFUSED + "la tâche « " + task.getName() + " » n'est pas destinée à " + who.getUserId()
                    + " : seuls les membres de ses groupes candidats peuvent la terminer.");
        }
        if (!academyAdmin && tenant != null && (who.getTenantIds() == null || !who.getTenantIds().contains(tenant))) {
            throw new AuthorizationException(REFUSED + "la tâche « " + task.getName() + " » appartient à l'établissement " + tenant
                    + " : " + who.getUserId() + " n'y a pas accès.");
        }
    }

    /**
     * Who completes the task, for the process's history: the user authenticated in the engine (REST,
     * Tasklist), else the assignee the application set from its own authenticated user.
     */
    public String completer(DelegateTask task) {
        Authentication who = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return who != null ? who.getUserId() : task.getAssignee();
    }
}
