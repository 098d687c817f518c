package fr.adminteleservices.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Properties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * On the embedded default ({@code teleservices.mail.embedded=true}) the app runs its own SMTP server
 * (GreenMail, on a free loopback port) and sends to it, so that the whole flow works with nothing
 * installed; {@link DemoMailboxScreen} shows what it received. Otherwise Spring Boot's mail
 * support connects to {@code spring.mail.host} (Mailpit in docker-compose, the académie's relay in
 * production).
 */
@Configuration
class MailConfiguration {

    static final String EMBEDDED = "teleservices.mail.embedded";

    /** The system property by which Jakarta Mail takes its stream provider by name. */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // Jakarta Mail looks its StreamProvider up with a new ServiceLoader, which reads every jar of the classpath, for
        // each message, multipart and encoded header (jakartaee/mail-api#861): 17 % of a node's CPU during a mass
        // notification (JFR). Named here, it is a class lookup. A value given on the command line stays.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    @Bean(destroyMethod = "stop")
    @ConditionalOnProperty(name = EMBEDDED, havingValue = "true")
    GreenMail embeddedSmtpServer(MailProperties mail) {
        GreenMail server = new GreenMail(new ServerSetup(mail.embeddedPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    @Bean
    @ConditionalOnProperty(name = EMBEDDED, havingValue = "true")
    JavaMailSenderImpl embeddedMailSender(GreenMail embeddedSmtpServer) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(embeddedSmtpServer.getSmtp().getPort());
        sender.setDefaultEncoding("UTF-8");
        Properties properties = new Properties();
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "10000");
        properties.put("mail.smtp.writetimeout", "10000");
        sender.setJavaMailProperties(properties);
        return sender;
    }
}
