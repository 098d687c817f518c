package fr.adminteleservices.security;

import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.stereotype.Component;

/**
 * An establishment's task goes straight to its head when the establishment has only one: Tasklist lets only
 * the assignee fill a form, so without this the head had to « Réclamer » every task first. With several
 * heads the task stays in their common queue, where claiming tells the others who took it.
 * <p>
 * Nothing is opened by this: the assignee is a member of the task's candidate group and tenant, the very
 * person the candidate authorizations already let in; {@link EngineTaskGuard} still checks every completion.
 * The académie's tasks (tenant {@link Roles#ACADEMY_TENANT}) and the families' (no candidate) are left alone.
 */
@Component
public class SoleHeadAssignee extends AbstractProcessEnginePlugin implements TaskListener {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EveryUserTask.listen(configuration, TaskListener.EVENTNAME_CREATE, this);
    }

    @Override
    public void notify(DelegateTask task) {
        String tenant = task.getTenantId();
        if (task.getAssignee() != null || tenant == null || Roles.ACADEMY_TENANT.equals(tenant)) {
            return;
        }
        Set<String> groups = new TreeSet<>();
        for (IdentityLink link : task.getCandidates()) {
            if (link.getGroupId() != null) {
                groups.add(link.getGroupId());
            }
        }
        if (groups.isEmpty()) {
            return;
        }
        // the task may be created during a head's call (Tasklist, REST): who else is a member is not theirs to read
        Set<String> people = Context.getCommandContext().runWithoutAuthorization(() -> {
            Set<String> ids = new TreeSet<>();
            for (String group : groups) {
                task.getProcessEngineServices().getIdentityService().createUserQuery().memberOfGroup(group)
                        .memberOfTenant(tenant).list().stream().map(User::getId).forEach(ids::add);
            }
            return ids;
        });
        if (people.size() == 1) {
            task.setAssignee(people.iterator().next());
        }
    }
}
