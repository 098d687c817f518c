package fr.adminteleservices.accounts;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A new password ends the account's other sessions: each portal session remembers which password of the account
 * it logged in with (its {@code password_version}, counted up by a reset); on every request, a session whose
 * account's password has changed since is closed and sent to the log-in page (« votre mot de passe a été
 * changé »). So a phone left logged in, or a stranger's session, does not outlive a reset; the re-hash of the
 * same password at a log-in (to the current algorithm or cost) ends none.
 */
class PasswordChangeEndsSessions extends OncePerRequestFilter {

    static final String STAMP = "TELESERVICES_PORTAL_PASSWORD_STAMP";

    private final Accounts accounts;

    PasswordChangeEndsSessions(Accounts accounts) {
        this.accounts = accounts;
    }

    /** Called at log-in: the session remembers the password it was opened with. */
    static void remember(HttpServletRequest request, AccountMapper.AccountRow account) {
        request.getSession().setAttribute(STAMP, stamp(account));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (session != null && session.getAttribute(STAMP) != null && auth != null && auth.isAuthenticated()) {
            Object remembered = session.getAttribute(STAMP);
            boolean same = accounts.byUsername(auth.getName())
                    .map(a -> remembered.equals(stamp(a)) || remembered.equals(legacyStamp(a.passwordHash())))
                    .orElse(false);
            if (!same) {
                session.invalidate();
                SecurityContextHolder.clearContext();
                response.sendRedirect(request.getContextPath() + "/portail/connexion?mot-de-passe-change");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static String stamp(AccountMapper.AccountRow account) {
        return "password-" + account.id() + "-" + account.passwordVersion();
    }

    /** What sessions opened before the password versions remembered: a digest of the hash (equal until a re-hash). */
    private static String legacyStamp(String passwordHash) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(passwordHash.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
