package fr.adminteleservices.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** Checks log-ins against Camunda's identity service: one set of users for the app and Camunda. */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;

    CamundaIdentityAuthenticationProvider(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (username == null || username.isBlank() || credentials == null
                || !identityService.checkPassword(username, credentials.toString())) {
            throw new BadCredentialsException("Identifiant ou mot de passe incorrect.");
        }
        TeleservicesUser user = load(username);
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (user.academyAdmin()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + Roles.ACADEMY_ADMIN));
        }
        if (!user.establishments().isEmpty() && !user.academyAdmin()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + Roles.HEAD));
        }
        if (authorities.isEmpty()) {
            throw new BadCredentialsException("Ce compte n'a accès à aucun établissement.");
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    private TeleservicesUser load(String username) {
        User camundaUser = identityService.createUserQuery().userId(username).singleResult();
        Set<String> groups = new HashSet<>();
        for (Group g : identityService.createGroupQuery().groupMember(username).list()) {
            groups.add(g.getId());
        }
        Set<String> tenants = new HashSet<>();
        for (Tenant t : identityService.createTenantQuery().userMember(username).includingGroupsOfUser(true).list()) {
            tenants.add(t.getId());
        }
        boolean academyAdmin = groups.contains(Roles.ACADEMY_ADMINS_GROUP);
        String displayName = camundaUser == null ? username
                : (nullToEmpty(camundaUser.getFirstName()) + " " + nullToEmpty(camundaUser.getLastName())).trim();
        boolean head = groups.contains(Roles.HEADS_GROUP);
        return new TeleservicesUser(username, displayName.isEmpty() ? username : displayName, academyAdmin,
                head || academyAdmin ? Set.copyOf(tenants) : Set.of());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
