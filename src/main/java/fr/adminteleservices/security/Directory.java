package fr.adminteleservices.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;

/**
 * Writes users, groups, tenants and authorizations into Camunda's identity service.
 * Idempotent: every method may run again at the next start.
 */
@Service
public class Directory {

    private final IdentityService identity;
    private final AuthorizationService authorizations;

    Directory(IdentityService identity, AuthorizationService authorizations) {
        this.identity = identity;
        this.authorizations = authorizations;
    }

    public void ensureAcademyAdminsGroup() {
        ensureGroup(Roles.CAMUNDA_ADMIN_GROUP, "Administrateurs Camunda");
        ensureGroup(Roles.ACADEMY_ADMINS_GROUP, "Administrateurs académiques");
        ensureAcademyAdminGrants();
        ensureTenant(Roles.ACADEMY_TENANT, "Académie (bascule, réplication)");
    }

    /**
     * Académie administrators see and do everything in the engine (Cockpit, Tasklist, REST): explicit
     * grants on every resource, because the engine's own admin bypass did not apply to the
     * camunda-admin group here (authorized queries returned nothing). Idempotent.
     */
    private void ensureAcademyAdminGrants() {
        for (Resources resource : Resources.values()) {
            if (authorizations.createAuthorizationQuery().groupIdIn(Roles.ACADEMY_ADMINS_GROUP).resourceType(resource)
                    .resourceId(ANY).authorizationType(AUTH_TYPE_GRANT).count() == 0) {
                Authorization auth = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
                auth.setGroupId(Roles.ACADEMY_ADMINS_GROUP);
                auth.setResource(resource);
                auth.setResourceId(ANY);
                auth.addPermission(Permissions.ALL);
                authorizations.saveAuthorization(auth);
            }
        }
    }

    /** One tenant per establishment; académie administrators belong to every tenant. */
    public void createTenant(String uai, String name) {
        ensureAcademyAdminsGroup();
        ensureHeadsGroup();
        ensureTenant(uai, name);
    }

    private void ensureTenant(String id, String name) {
        if (identity.createTenantQuery().tenantId(id).count() == 0) {
            var tenant = identity.newTenant(id);
            tenant.setName(name);
            identity.saveTenant(tenant);
            identity.createTenantGroupMembership(id, Roles.ACADEMY_ADMINS_GROUP);
        }
    }

    /** "Prénom Nom (identifiant)" of the heads of one establishment. */
    public List<String> headsOf(String uai) {
        return identity.createUserQuery().memberOfTenant(uai).memberOfGroup(Roles.HEADS_GROUP).orderByUserId().asc().list()
                .stream().map(u -> (u.getFirstName() + " " + u.getLastName()).strip() + " (" + u.getId() + ")").toList();
    }

    public boolean userExists(String username) {
        return identity.createUserQuery().userId(username).count() > 0;
    }

    public boolean academyAdminExists() {
        return identity.createUserQuery().memberOfGroup(Roles.ACADEMY_ADMINS_GROUP).count() > 0;
    }

    public void createAcademyAdmin(String username, String password, String firstName, String lastName) {
        ensureAcademyAdminsGroup();
        createUser(username, password, firstName, lastName);
        identity.createMembership(username, Roles.ACADEMY_ADMINS_GROUP);
        identity.createMembership(username, Roles.CAMUNDA_ADMIN_GROUP);
    }

    /** A head of establishment: member of the heads group and of the establishment's tenant. */
    public void createHead(String username, String password, String firstName, String lastName, String uai) {
        ensureHeadsGroup();
        createUser(username, password, firstName, lastName);
        identity.createMembership(username, Roles.HEADS_GROUP);
        identity.createTenantUserMembership(uai, username);
    }

    private void createUser(String username, String password, String firstName, String lastName) {
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("Un mot de passe est obligatoire pour créer l'utilisateur " + username + ".");
        }
        User user = identity.newUser(username);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setPassword(password);
        identity.saveUser(user);
    }

    /**
     * Heads use Tasklist and Cockpit; the tenant check limits what they see to their establishment.
     * No grant on tasks: a head reads and works only the tasks whose candidate group is theirs, through the
     * per-task authorization the engine writes for each candidate group (READ and UPDATE), and the tenant
     * check keeps them to their establishment's. Académie-wide tasks (candidate group academy-admins, tenant
     * {@link Roles#ACADEMY_TENANT}) and families' tasks (no candidate: the portal's) are out of their reach.
     */
    public void ensureHeadsGroup() {
        if (ensureGroup(Roles.HEADS_GROUP, "Chefs d'établissement")) {
            grant(Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(Resources.APPLICATION, "cockpit", Permissions.ACCESS);
            grant(Resources.FILTER, ANY, Permissions.READ);
            grant(Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                    ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
            grant(Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
            grant(Resources.DEPLOYMENT, ANY, Permissions.READ);
            grant(Resources.USER, ANY, Permissions.READ);
            grant(Resources.GROUP, ANY, Permissions.READ);
        }
    }

    /**
     * Installations created before the per-task authorizations gave heads READ and UPDATE on every task and
     * READ_TASK / UPDATE_TASK on every process definition: with those, a head listed, claimed and completed
     * the académie's rollover. Taken back at every start (idempotent).
     */
    public void revokeHeadsGlobalTaskGrants() {
        for (Authorization old : authorizations.createAuthorizationQuery().groupIdIn(Roles.HEADS_GROUP)
                .resourceType(Resources.TASK).resourceId(ANY).authorizationType(AUTH_TYPE_GRANT).list()) {
            authorizations.deleteAuthorization(old.getId());
        }
        Authorization definitions = authorizations.createAuthorizationQuery().groupIdIn(Roles.HEADS_GROUP)
                .resourceType(Resources.PROCESS_DEFINITION).resourceId(ANY).authorizationType(AUTH_TYPE_GRANT).singleResult();
        if (definitions != null && (definitions.isPermissionGranted(ProcessDefinitionPermissions.READ_TASK)
                || definitions.isPermissionGranted(ProcessDefinitionPermissions.UPDATE_TASK))) {
            definitions.removePermission(ProcessDefinitionPermissions.READ_TASK);
            definitions.removePermission(ProcessDefinitionPermissions.UPDATE_TASK);
            authorizations.saveAuthorization(definitions);
        }
    }

    /**
     * Lets heads start a process from Tasklist (its start form); idempotent, so that installations whose
     * heads group predates the process get the grant at the next start.
     */
    public void letHeadsStart(String processKey) {
        ensureHeadsGroup();
        allow(Resources.PROCESS_DEFINITION, processKey, ProcessDefinitionPermissions.CREATE_INSTANCE);
        allow(Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    }

    /** Adds the permission to the heads' grant on that resource, creating the grant if there is none. */
    private void allow(Resource resource, String resourceId, Permission permission) {
        Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(Roles.HEADS_GROUP)
                .resourceType(resource).resourceId(resourceId).authorizationType(AUTH_TYPE_GRANT).singleResult();
        if (existing == null) {
            grant(resource, resourceId, permission);
        } else if (!existing.isPermissionGranted(permission)) {
            existing.addPermission(permission);
            authorizations.saveAuthorization(existing);
        }
    }

    private boolean ensureGroup(String id, String name) {
        if (identity.createGroupQuery().groupId(id).count() > 0) {
            return false;
        }
        Group group = identity.newGroup(id);
        group.setName(name);
        group.setType("WORKFLOW");
        identity.saveGroup(group);
        return true;
    }

    private void grant(Resource resource, String resourceId, Permission... permissions) {
        Authorization auth = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        auth.setGroupId(Roles.HEADS_GROUP);
        auth.setResource(resource);
        auth.setResourceId(resourceId);
        for (Permission p : permissions) {
            auth.addPermission(p);
        }
        authorizations.saveAuthorization(auth);
    }
}
