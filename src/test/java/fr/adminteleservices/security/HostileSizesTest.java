package fr.adminteleservices.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.adminteleservices.support.H2Test;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Hostile sizes get a 400 or 413 with a French message at once, before anything reads the body: a 150 MB
 * upload, a 5 MB JSON body, 10,001 ids in a generation request. Through a raw socket, so that the request
 * announces its size and the server answers without the body having been sent.
 */
@H2Test
class HostileSizesTest {

    static final String COLLEGE = "0990001N";

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;

    @Test
    void anUploadLargerThanAnyRealExportIsRefusedAtOnce() throws Exception {
        String response = announce("POST", "/api/establishments/" + COLLEGE + "/siecle-imports",
                "multipart/form-data; boundary=xyz", 150L * 1024 * 1024, "chef." + COLLEGE);
        assertThat(response).startsWith("HTTP/1.1 413").contains("Fichiers trop volumineux : 100 Mo au plus par envoi");
        // the screen's upload too, before its log-in or CSRF are even looked at
        assertThat(announce("POST", "/etablissements/" + COLLEGE + "/imports", "multipart/form-data; boundary=xyz",
                150L * 1024 * 1024, null)).startsWith("HTTP/1.1 413").contains("Envoi trop volumineux");
    }

    @Test
    void aJsonBodyLargerThanTheLimitIsRefusedAtOnce() throws Exception {
        String response = announce("POST", "/api/establishments/" + COLLEGE + "/guardian-codes/generation", "application/json",
                5L * 1024 * 1024, "chef." + COLLEGE);
        assertThat(response).startsWith("HTTP/1.1 413").contains("Requête trop volumineuse : 1 Mo au plus");
    }

    @Test
    void aGenerationNamingMoreCouplesThanAnyEstablishmentHasIsRefused() throws Exception {
        String ids = LongStream.rangeClosed(1, 10_001).mapToObj(Long::toString).collect(Collectors.joining(","));
        mvc.perform(post("/api/establishments/" + COLLEGE + "/guardian-codes/generation").with(httpBasic("chef." + COLLEGE, "chef." + COLLEGE))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"linkIds\":[" + ids + "]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("10 000 au plus (10001 reçus)")));
    }

    /** The answer's head and its body (by its Content-Length, or whatever came when the server paused). */
    private static String readAnswer(InputStream in) throws Exception {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            String text = got.toString(StandardCharsets.UTF_8);
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd > 0) {
                var length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text.substring(0, headEnd));
                if (length.find() && got.size() >= headEnd + 4 + Integer.parseInt(length.group(1))) {
                    return text;
                }
            }
            int n;
            try {
                n = in.read(buffer);
            } catch (java.net.SocketTimeoutException pause) {
                return text;
            }
            if (n < 0) {
                return text;
            }
            got.write(buffer, 0, n);
        }
    }

    /** Sends only the request's head, announcing {@code length} bytes of body, and returns the answer. */
    private String announce(String method, String path, String type, long length, String user) throws Exception {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type + "\r\nContent-Length: " + length
                    + "\r\n" + (user == null ? "" : "Authorization: Basic "
                    + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)) + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write("--xyz\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readAnswer(socket.getInputStream());
            System.out.printf("%s %s announcing %d bytes: answered in %d ms%n", method, path, length, (System.nanoTime() - start) / 1_000_000);
            return answer;
        }
    }
}
