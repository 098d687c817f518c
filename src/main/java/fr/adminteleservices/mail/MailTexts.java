package fr.adminteleservices.mail;

import jakarta.mail.MessagingException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * A feature's e-mails, Thymeleaf templates beside its screens: {@code <folder><name>.txt} (text mode) and
 * {@code <folder><name>.html} (HTML mode, no image, no tracking), e.g. {@code templates/portal/mail/}. Its own
 * engine: an e-mail is composed by the outbox's job, with no request and no web context.
 */
public final class MailTexts {

    private final TemplateEngine engine = new SpringTemplateEngine();

    public MailTexts(String folder) {
        engine.addTemplateResolver(resolver(folder, TemplateMode.HTML, "*.html", 1));
        engine.addTemplateResolver(resolver(folder, TemplateMode.TEXT, "*.txt", 2));
    }

    public String text(String name, Map<String, Object> variables) {
        return engine.process(name + ".txt", new Context(Locale.FRANCE, variables));
    }

    public String html(String name, Map<String, Object> variables) {
        return engine.process(name + ".html", new Context(Locale.FRANCE, variables));
    }

    /** The text part and the same as HTML. */
    public void write(MimeMessageHelper message, String name, Map<String, Object> variables) throws MessagingException {
        message.setText(text(name, variables), html(name, variables));
    }

    private static ClassLoaderTemplateResolver resolver(String folder, TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix(folder);
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }
}
