package fr.adminteleservices.codes;

import fr.adminteleservices.security.EstablishmentAccess;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the pages « Gérer le code pour un couple » (CAR, §4.3) and « Gérer le code pour un élève » (CAE, §5.2) do
 * alike: how a head's action on one holder's codes ends, showing a code's value, an unknown holder as a 404, and names
 * as the pages write them. The actions themselves, and their messages, stay with each page.
 */
final class CodePages {

    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private CodePages() {
    }

    /**
     * Runs an action (« Nouveau code », « Enlever l'accès », « Rétablir l'accès »): done, its message on the holder's
     * page ({@code holderUrl}, after a redirect); refused, the {@code page} again with the reason.
     */
    static String act(Supplier<String> action, String holderUrl, Supplier<String> page, Model model, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("message", action.get());
            return "redirect:" + holderUrl;
        } catch (CodeRefused e) {
            notFound(e);
            model.addAttribute("error", e.getMessage());
            return page.get();
        }
    }

    /**
     * « Nouveau code »: while the holder's code is valid ({@code replacesValidCode}) and the head has not confirmed that
     * it will stop working, the {@code page} again, asking them to; otherwise the code is created as {@link #act} does.
     */
    static String newCode(boolean replacesValidCode, String confirmation, Supplier<String> create, String holderUrl,
                          Supplier<String> page, Model model, RedirectAttributes redirect) {
        if (replacesValidCode && !"true".equals(confirmation)) {
            model.addAttribute("confirmNewCode", true);
            return page.get();
        }
        return act(create, holderUrl, page, model, redirect);
    }

    /** How the message of a new code ends: when the head can hand it out. */
    static String usableFrom(CodeHistoryEntry created) {
        return "il est utilisable à partir du " + FRENCH_DATE.format(created.validFrom()) + ".";
    }

    /** « Afficher »: the value goes on the page only, never in an address (the reveal records who saw it). */
    static void reveal(Supplier<CodeValue> reveal, long codeId, Model model) {
        try {
            model.addAttribute("revealedValue", reveal.get().reveal());
            model.addAttribute("revealedId", codeId);
        } catch (CodeRefused e) {
            notFound(e);
            model.addAttribute("error", e.getMessage());
        }
    }

    /** The couple or the student of the address; unknown, a 404 page. */
    static <T> T holder(Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (CodeRefused e) {
            notFound(e);
            throw e;
        }
    }

    /** An unknown couple or student is a page not found, not a message on a page. */
    static void notFound(CodeRefused e) {
        if (e.status() == HttpStatus.NOT_FOUND) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage(), e);
        }
    }

    /** The parts that are there, stripped, separated by a space (« M. MARTIN Paul »). */
    static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                if (!sb.isEmpty()) {
                    sb.append(' ');
                }
                sb.append(p.strip());
            }
        }
        return sb.toString();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String user() {
        return EstablishmentAccess.currentUser().username();
    }
}
