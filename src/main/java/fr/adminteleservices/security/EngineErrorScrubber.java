package fr.adminteleservices.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The engine's REST API (and Tasklist's and Cockpit's calls to it) answers an error with the exception's
 * message: for a database error that is the SQL statement, its tables and columns. Such an answer, and every
 * server error, is replaced by a French message with a reference; the original goes to the log under that
 * reference, for the administrator.
 */
class EngineErrorScrubber extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(EngineErrorScrubber.class);
    /** What betrays the database in a message: MyBatis's error report, JDBC, the engine's tables. */
    private static final List<String> DATABASE_MARKERS = List.of("### ", "SQL", "java.sql", "org.apache.ibatis",
            "ACT_RU_", "ACT_HI_", "ACT_RE_", "ACT_ID_", "ACT_GE_", "mariadb", "h2database", "Database");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, wrapper);
        } finally {
            int status = wrapper.getStatus();
            String refusal = status == 500 ? refusal(wrapper) : null;
            if (refusal != null) {
                // a tenant check or the task guard: the engine answers 500, it is a 403
                wrapper.resetBuffer();
                wrapper.setStatus(HttpServletResponse.SC_FORBIDDEN);
                wrapper.setContentType("application/json;charset=UTF-8");
                wrapper.getOutputStream().write(("{\"type\":\"AuthorizationException\",\"message\":\"" + refusal + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
            } else if (status >= 400 && (status >= 500 || betraysTheDatabase(wrapper))) {
                String reference = UUID.randomUUID().toString().substring(0, 8);
                LOG.warn("Engine API error {} on {} {} (status {}): {}", reference, request.getMethod(), request.getRequestURI(),
                        status, new String(wrapper.getContentAsByteArray(), StandardCharsets.UTF_8));
                wrapper.resetBuffer();
                wrapper.setContentType("application/json;charset=UTF-8");
                byte[] body = ("{\"type\":\"ServerError\",\"message\":\"La demande n'a pas pu aboutir (erreur interne, "
                        + "référence " + reference + ", consignée dans le journal du serveur).\"}").getBytes(StandardCharsets.UTF_8);
                wrapper.getOutputStream().write(body);
            }
            wrapper.copyBodyToResponse();
        }
    }

    /** The French refusal of a tenant check or of {@link EngineTaskGuard}, JSON-safe; null for any other error. */
    private static String refusal(ContentCachingResponseWrapper wrapper) {
        String body = new String(wrapper.getContentAsByteArray(), StandardCharsets.UTF_8);
        if (DATABASE_MARKERS.stream().anyMatch(body::contains)) {
            return null;
        }
        if (body.contains("ENGINE-13034")) {
            return "Accès refusé : cet élément appartient à un établissement (ou à l'académie) auquel vous n'avez pas accès.";
        }
        int start = body.indexOf(EngineTaskGuard.REFUSED);
        if (start < 0) {
            return null;
        }
        // the engine quotes the listener's message: Message: '…' (the message itself has apostrophes)
        int end = body.indexOf("'\"", start);
        String message = body.substring(start, end < 0 ? body.length() : end);
        return message.replaceAll("[\"\\\\\\p{Cntrl}]", " ");
    }

    private static boolean betraysTheDatabase(ContentCachingResponseWrapper wrapper) {
        String body = new String(wrapper.getContentAsByteArray(), StandardCharsets.UTF_8);
        return DATABASE_MARKERS.stream().anyMatch(body::contains);
    }
}
