package fr.adminteleservices.security;

import java.io.Serializable;
import java.security.Principal;
import java.util.Set;

/**
 * The signed-in person. {@code establishments} are the tenants (UAIs) a head belongs to; an
 * académie administrator reaches every establishment of the académie.
 */
public record TeleservicesUser(String username, String displayName, boolean academyAdmin, Set<String> establishments)
        implements Principal, Serializable {

    @Override
    public String getName() {
        return username;
    }

    public boolean canAccess(String uai) {
        return academyAdmin || establishments.contains(uai);
    }

    /** The establishment a head lands on; académie administrators have none. */
    public String homeEstablishment() {
        return academyAdmin || establishments.isEmpty() ? null : establishments.stream().sorted().findFirst().orElseThrow();
    }
}
