package fr.adminteleservices.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/**
 * A tiny SMTP server for the tests that need a slow relay: it takes each message after {@code delay}
 * (as a relay limited to a few messages per second does), and keeps the Message-ID of every message it
 * accepted, with its recipients and the name the client gave at EHLO ({@link #deliveries()}). Its port is
 * chosen by the OS. {@code onAccepted} runs with the count of accepted messages, just before the server
 * answers 250 to a message (the moment the message is the server's).
 */
public final class SlowSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Duration delay;
    // synchronized lists, not copy-on-write: the national peak benchmark sends hundreds of thousands of messages
    private final List<String> messageIds = Collections.synchronizedList(new ArrayList<>());
    private final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private volatile IntConsumer onAccepted = n -> { };

    public SlowSmtpServer(Duration delay) throws IOException {
        this.delay = delay;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "slow-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The Message-IDs of the accepted messages, in order, duplicates included. */
    public List<String> messageIds() {
        synchronized (messageIds) {
            return List.copyOf(messageIds);
        }
    }

    /** An accepted message: its Message-ID, its envelope recipients, and the EHLO name of the client that sent it. */
    public record Delivery(String messageId, List<String> recipients, String client) {
    }

    /** The accepted messages, in order, duplicates included. */
    public List<Delivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    public void onAccepted(IntConsumer callback) {
        this.onAccepted = callback;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                clients.add(client);
                Thread t = new Thread(() -> serve(client), "slow-smtp-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = client.getOutputStream()) {
            reply(out, "220 slow.localhost ESMTP");
            String line;
            String helo = null;
            List<String> recipients = new java.util.ArrayList<>();
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO", "HELO" -> {
                        helo = line.substring(4).strip();
                        reply(out, "250 slow.localhost");
                    }
                    case "MAIL", "RSET" -> {
                        recipients = new java.util.ArrayList<>();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        recipients.add(line.substring(line.indexOf(':') + 1).strip().replaceAll("^<|>$", ""));
                        reply(out, "250 OK");
                    }
                    case "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        String messageId = null;
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            if (messageId == null && line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                                messageId = line.substring(11).strip();
                            }
                        }
                        Thread.sleep(delay.toMillis());
                        int accepted;
                        synchronized (messageIds) {
                            messageIds.add(messageId);
                            deliveries.add(new Delivery(messageId, List.copyOf(recipients), helo));
                            accepted = messageIds.size();
                        }
                        onAccepted.accept(accepted);
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the server was closed
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket c : clients) {
            c.close();
        }
    }
}
