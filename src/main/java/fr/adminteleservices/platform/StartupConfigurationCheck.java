package fr.adminteleservices.platform;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hibernate.validator.HibernateValidator;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertyResolver;

/**
 * Checks the whole configuration before anything starts (no database connection, no Camunda table):
 * every problem is found at once and printed in one French block by {@link ConfigurationProblemsAnalyzer},
 * instead of one at a time at the bottom of a stack trace. Runs after the profiles' files are read.
 */
public class StartupConfigurationCheck implements EnvironmentPostProcessor, Ordered {

    /** Where the features' settings records are (Application's package, which a module cannot import). */
    private static final String APPLICATION_PACKAGE = "fr.adminteleservices";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        List<String> problems = problems(env);
        if (!problems.isEmpty()) {
            throw new ConfigurationProblems(problems);
        }
    }

    static List<String> problems(ConfigurableEnvironment env) {
        List<String> problems = new ArrayList<>();
        everyFeatureSettings(env, problems);
        codesKey(env, problems);
        boolean demo = env.getProperty("teleservices.demo.enabled", Boolean.class, false);
        if (!demo && blank(env.getProperty("teleservices.admin.password"))) {
            problems.add("TELESERVICES_ADMIN_PASSWORD (teleservices.admin.password) est vide : il crée le premier administrateur "
                    + "d'académie « " + env.getProperty("teleservices.admin.username") + " » ; il n'y a pas de mot "
                    + "de passe par défaut.");
        }
        String from = env.getProperty("teleservices.mail.from", "");
        if (!from.contains("@")) {
            problems.add("TELESERVICES_MAIL_FROM (teleservices.mail.from) n'est pas une adresse électronique : « " + from + " ».");
        }
        boolean embeddedMail = env.getProperty("teleservices.mail.embedded", Boolean.class, false);
        if (!embeddedMail && blank(env.getProperty("spring.mail.host"))) {
            problems.add("SPRING_MAIL_HOST (spring.mail.host) est vide : le serveur de messagerie qui envoie les courriels.");
        }
        if (blank(env.getProperty("spring.datasource.url"))) {
            problems.add("DB_URL (spring.datasource.url) est vide : l'adresse de la base de données.");
        } else if ("mysql".equalsIgnoreCase(env.getProperty("camunda.bpm.database.type", ""))
                && !env.getProperty("spring.datasource.url", "").contains("transactionIsolation=READ-COMMITTED")) {
            problems.add("spring.datasource.url doit contenir « transactionIsolation=READ-COMMITTED » sur MariaDB : "
                    + "Camunda refuse de démarrer sans (ENGINE-12019).");
        }
        mailSlice(env, problems);
        connectionPool(env).ifPresent(problems::add);
        return problems;
    }

    /**
     * Some work holds a database connection while it takes a second one (a process step's mail in its own
     * transaction, a rate limit's bucket during an activation). A pool no larger than the threads that may do so
     * starves at the peak: every connection held by a thread that waits for another (seen: 10 job threads on 10
     * connections, 30 s timeouts). So whoever gives a node more request threads must give its pool as many more.
     */
    static Optional<String> connectionPool(PropertyResolver env) {
        Integer pool = number(env, "spring.datasource.hikari.maximum-pool-size", 10);
        Integer tomcat = number(env, "server.tomcat.threads.max", 200);
        boolean jobs;
        try {
            jobs = env.getProperty("camunda.bpm.job-execution.enabled", Boolean.class, true);
        } catch (RuntimeException e) {
            jobs = true; // malformed: Camunda's own binding says so; count its threads meanwhile
        }
        Integer jobThreads = jobs ? number(env, "camunda.bpm.job-execution.max-pool-size", 10) : Integer.valueOf(0);
        Integer scheduling = number(env, "spring.task.scheduling.pool.size", 1);
        if (pool == null || tomcat == null || jobThreads == null || scheduling == null) {
            return Optional.empty(); // malformed: Spring's own binding says which
        }
        int holders = tomcat + jobThreads + scheduling;
        if (pool > holders) {
            return Optional.empty();
        }
        return Optional.of("spring.datasource.hikari.maximum-pool-size (" + pool + ") doit dépasser le nombre de fils qui peuvent "
                + "tenir une connexion à la base : server.tomcat.threads.max (" + tomcat + ") + "
                + (jobs ? "camunda.bpm.job-execution.max-pool-size (" + jobThreads + ") + " : "")
                + "spring.task.scheduling.pool.size (" + scheduling + ") = " + holders + " ; sinon, au pic, chaque connexion "
                + "est tenue par un fil qui en attend une seconde. Donnez au moins " + (holders + 1) + " connexions.");
    }

    private static Integer number(PropertyResolver env, String key, int byDefault) {
        try {
            return env.getProperty(key, Integer.class, byDefault);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Binds every feature's settings record ({@code @ConfigurationProperties} of this application) and checks its
     * constraints, as the beans will be, but all at once and before the database: « teleservices.replication.lease
     * (PT-1M) doit être plus long que … » rather than a stack trace after Flyway and Camunda have started.
     */
    private static void everyFeatureSettings(ConfigurableEnvironment env, List<String> problems) {
        Binder binder = Binder.get(env);
        var scanner = new ClassPathScanningCandidateComponentProvider(false, env);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        ClassLoader classLoader = StartupConfigurationCheck.class.getClassLoader();
        try (ValidatorFactory validation = Validation.byProvider(HibernateValidator.class).configure()
                .defaultLocale(Locale.FRENCH).buildValidatorFactory()) {
            Validator validator = validation.getValidator();
            for (BeanDefinition candidate : scanner.findCandidateComponents(APPLICATION_PACKAGE)) {
                Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), classLoader);
                String prefix = AnnotationUtils.findAnnotation(type, ConfigurationProperties.class).prefix();
                try {
                    Object settings = binder.bindOrCreate(prefix, type);
                    for (ConstraintViolation<Object> v : validator.validate(settings)) {
                        problems.add(prefix + "." + dashed(v.getPropertyPath().toString()) + " (« " + v.getInvalidValue()
                                + " ») " + v.getMessage() + ".");
                    }
                } catch (BindException e) {
                    Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
                    problems.add(e.getProperty() != null
                            ? e.getProperty().getName() + " (« " + e.getProperty().getValue() + " ») n'est pas une valeur possible : "
                                    + cause.getMessage()
                            : prefix + " : " + cause.getMessage());
                }
            }
        }
    }

    /** rateLimit.resetAddress.capacity → rate-limit.reset-address.capacity, as the keys are written. */
    private static String dashed(String path) {
        return Arrays.stream(path.split("\\.")).map(DataObjectPropertyName::toDashedForm).collect(Collectors.joining("."));
    }

    private static void codesKey(ConfigurableEnvironment env, List<String> problems) {
        String key = env.getProperty("teleservices.codes.key", "");
        if (!blank(key)) {
            try {
                if (Base64.getDecoder().decode(key.strip()).length < 32) {
                    problems.add("TELESERVICES_CODES_KEY (teleservices.codes.key) doit faire au moins 32 octets : "
                            + "par exemple « openssl rand -base64 32 ».");
                }
            } catch (IllegalArgumentException e) {
                problems.add("TELESERVICES_CODES_KEY (teleservices.codes.key) n'est pas du base64 : par exemple « openssl rand -base64 32 ».");
            }
        } else if (blank(env.getProperty("teleservices.codes.key-file"))) {
            problems.add("TELESERVICES_CODES_KEY (teleservices.codes.key) est vide : la clé qui protège les codes d'activation "
                    + "(32 octets aléatoires en base64, « openssl rand -base64 32 ») ; gardez-la, une autre clé rend les codes "
                    + "enregistrés illisibles.");
        }
    }

    /** A slice of « Envoyer les courriels » must end well inside the job's lock, or a second execution starts beside it. */
    private static void mailSlice(ConfigurableEnvironment env, List<String> problems) {
        Duration slice;
        try {
            slice = Binder.get(env).bind("teleservices.mail.slice-time", Duration.class).orElse(null);
        } catch (BindException e) {
            slice = null;
        }
        if (slice == null) {
            return; // missing or malformed: said by everyFeatureSettings
        }
        long lock = env.getProperty("camunda.bpm.job-execution.lock-time-in-millis", Long.class, 300_000L);
        if (slice.toMillis() * 2 > lock) {
            problems.add("teleservices.mail.slice-time (" + slice + ") doit rester inférieur à la moitié du verrou des tâches "
                    + "de Camunda (camunda.bpm.job-execution.lock-time-in-millis = " + lock + " ms).");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Every configuration problem found at start-up, in French. */
    public static class ConfigurationProblems extends RuntimeException {

        private final List<String> problems;

        ConfigurationProblems(List<String> problems) {
            super("Configuration incomplète :\n  - " + String.join("\n  - ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
