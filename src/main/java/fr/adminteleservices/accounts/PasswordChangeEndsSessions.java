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
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
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
    /** The account's row this filter read, kept for the rest of the request ({@link #checkedThisRequest}). */
    private static final String CHECKED = PasswordChangeEndsSessions.class.getName() + ".CHECKED";

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
            Optional<AccountMapper.AccountRow> account = accounts.byUsername(auth.getName());
            boolean same = account
                    .map(a -> remembered.equals(stamp(a)) || remembered.equals(legacyStamp(a.passwordHash())))
                    .orElse(false);
            if (same) {
                request.setAttribute(CHECKED, account.get());
            } else {
                session.invalidate();
                SecurityContextHolder.clearContext();
                response.sendRedirect(request.getContextPath() + "/portail/connexion?mot-de-passe-change");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * The row of {@code username} this filter read at the start of the current request, if it did: the page then
     * needs the same account (Accounts#signedIn), and a portal request changes nothing of the row it reads (a new
     * password goes through a reset link, signed out). One read of the account per page instead of two.
     */
    static AccountMapper.AccountRow checkedThisRequest(String username) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current
                && current.getRequest().getAttribute(CHECKED) instanceof AccountMapper.AccountRow row
                && row.username().equals(username)) {
            return row;
        }
        return null;
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
