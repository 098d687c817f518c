package fr.adminteleservices.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hostile sizes are refused before anything reads them (before log-in, CSRF and multipart parsing), with a
 * 413 and a French message in a few milliseconds: an upload larger than the multipart request limit (real
 * SIECLE exports are a few MB; {@code spring.servlet.multipart.max-request-size}), any other body larger than
 * {@code teleservices.security.max-body-size} (a JSON request of the API: 1 MB holds 100,000 ids). A body
 * sent without its length (chunked) is cut at the same limits: by the multipart parser for uploads, by a
 * bounded stream for the others (reading past the limit fails, and the request is answered 400).
 */
class RequestSizeLimits extends OncePerRequestFilter {

    private final long maxUpload;
    private final long maxBody;

    RequestSizeLimits(DataSize maxUpload, DataSize maxBody) {
        this.maxUpload = maxUpload.toBytes();
        this.maxBody = maxBody.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        boolean upload = type.startsWith("multipart/");
        long limit = upload ? maxUpload : maxBody;
        long length = request.getContentLengthLong();
        if (length > limit) {
            refuse(request, response, upload
                    ? "Fichiers trop volumineux : " + megabytes(maxUpload) + " au plus par envoi (un export SIECLE fait quelques Mo)."
                    : "Requête trop volumineuse : " + megabytes(maxBody) + " au plus.");
            return;
        }
        chain.doFilter(length < 0 && !upload ? new Bounded(request, maxBody) : request, response);
    }

    /** A body of unknown length, readable up to the limit only. */
    private static final class Bounded extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++read > limit) {
                            throw new IOException("Requête trop volumineuse : " + megabytes(limit) + " au plus.");
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0 && (read += n) > limit) {
                            throw new IOException("Requête trop volumineuse : " + megabytes(limit) + " au plus.");
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }

    private static String megabytes(long bytes) {
        return (bytes / (1024 * 1024)) + " Mo";
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        // the body is not read: the connection is closed rather than drained
        response.setHeader("Connection", "close");
        boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || request.getRequestURI().startsWith(request.getContextPath() + "/engine-rest/");
        if (api) {
            response.setContentType("application/json;charset=UTF-8");
            response.getOutputStream().write(("{\"status\":413,\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
        } else {
            response.setContentType("text/html;charset=UTF-8");
            response.getOutputStream().write(("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Envoi trop "
                    + "volumineux</title></head><body><main><h1>Envoi trop volumineux</h1><p>" + message
                    + "</p><p><a href=\"javascript:history.back()\">Revenir à la page précédente</a></p></main></body></html>")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }
}
