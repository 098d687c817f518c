package fr.adminteleservices.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Scopes every request to the user's establishment: used as
 * {@code @PreAuthorize("@establishmentAccess.check(#uai)")} on controllers, and by services.
 */
@Component("establishmentAccess")
public class EstablishmentAccess {

    public boolean check(String uai) {
        TeleservicesUser user = currentUser();
        if (user == null || uai == null || !user.canAccess(uai)) {
            throw new AccessDeniedException("Vous n'avez pas accès à l'établissement " + uai + ".");
        }
        return true;
    }

    public static TeleservicesUser currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof TeleservicesUser u ? u : null;
    }
}
