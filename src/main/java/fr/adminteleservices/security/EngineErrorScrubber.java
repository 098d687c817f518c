package fr.adminteleservices.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
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
        ErrorCapture capture = new ErrorCapture(response);
        chain.doFilter(request, capture);
        if (!capture.captured()) {
            return; // a success streamed straight through: nothing was buffered
        }
        int status = capture.getStatus();
        String body = capture.body();
        String refusal = status == 500 ? refusal(body) : null;
        if (refusal != null) {
            // a tenant check or the task guard: the engine answers 500, it is a 403
            write(response, HttpServletResponse.SC_FORBIDDEN, "{\"type\":\"AuthorizationException\",\"message\":\"" + refusal + "\"}");
        } else if (status >= 500 || DATABASE_MARKERS.stream().anyMatch(body::contains)) {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            LOG.warn("Engine API error {} on {} {} (status {}): {}", reference, request.getMethod(), request.getRequestURI(),
                    status, body);
            write(response, status, "{\"type\":\"ServerError\",\"message\":\"La demande n'a pas pu aboutir (erreur interne, "
                    + "référence " + reference + ", consignée dans le journal du serveur).\"}");
        } else {
            write(response, status, body);
        }
    }

    private static void write(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The French refusal of a tenant check or of {@link EngineTaskGuard}, JSON-safe; null for any other error. */
    private static String refusal(String body) {
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


    /**
     * Buffers the body only when the engine answers an error (the status is set before the body is written):
     * a success, however large (a Cockpit list, a deployment's resource), goes straight to the client.
     */
    private static final class ErrorCapture extends HttpServletResponseWrapper {

        private ByteArrayOutputStream buffer;

        ErrorCapture(HttpServletResponse response) {
            super(response);
        }

        boolean captured() {
            return buffer != null || getStatus() >= 400 && !isCommitted();
        }

        String body() {
            return buffer == null ? "" : buffer.toString(StandardCharsets.UTF_8);
        }

        private boolean error() {
            return getStatus() >= 400;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (!error()) {
                return super.getOutputStream();
            }
            if (buffer == null) {
                buffer = new ByteArrayOutputStream();
            }
            ByteArrayOutputStream target = buffer;
            return new ServletOutputStream() {
                @Override
                public void write(int b) {
                    target.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    target.write(b, off, len);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            return error() ? new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8), true)
                    : super.getWriter();
        }

        // the error's own length would not be the length of what replaces it
        @Override
        public void setContentLength(int length) {
            if (!error()) {
                super.setContentLength(length);
            }
        }

        @Override
        public void setContentLengthLong(long length) {
            if (!error()) {
                super.setContentLengthLong(length);
            }
        }

        @Override
        public void setHeader(String name, String value) {
            if (!(error() && "Content-Length".equalsIgnoreCase(name))) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!(error() && "Content-Length".equalsIgnoreCase(name))) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!error()) {
                super.flushBuffer();
            }
        }
    }
}
