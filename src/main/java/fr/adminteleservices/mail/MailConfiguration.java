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
