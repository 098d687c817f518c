package fr.adminteleservices.accounts;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The delays the portal tells families (« dans les 7 jours », « valable 24 heures »), read from the timers of the
 * deployed processes, so that an analyst who changes a timer changes what the e-mails and pages say (issue 19.2):
 * « 7 jours sans confirmation » of {@code portal-account.bpmn} and « 24 heures écoulées » of
 * {@code password-reset.bpmn}. Read again at most once a minute; a timer written as an expression, which has no
 * fixed length, is said with the usual delay.
 */
@Component
public class AccountDelays {

    private static final Logger log = LoggerFactory.getLogger(AccountDelays.class);
    private static final Duration READ_AGAIN = Duration.ofMinutes(1);

    private final RepositoryService repository;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    private record Known(String duration, Instant readAt) {
    }

    AccountDelays(RepositoryService repository) {
        this.repository = repository;
    }

    /** How long a provisional account waits for its confirmation (C5), in French: « 7 jours ». */
    public String confirmation() {
        return inFrench(timer("portal-account", "SeptJoursSansConfirmation", "P7D"));
    }

    /** « dans les 7 jours ». */
    public String withinConfirmation() {
        return within(confirmation());
    }

    /** How long a password reset link is valid, in French: « 24 heures ». */
    public String passwordReset() {
        return inFrench(timer("password-reset", "LienExpire", "PT24H"));
    }

    /** « dans les 24 heures ». */
    public String withinPasswordReset() {
        return within(passwordReset());
    }

    /** The timer's ISO 8601 duration as the analyst wrote it, or {@code usual}. */
    String timer(String processKey, String eventId, String usual) {
        String key = processKey + "/" + eventId;
        Known k = known.get(key);
        if (k != null && k.readAt().plus(READ_AGAIN).isAfter(Instant.now())) {
            return k.duration();
        }
        String duration = read(processKey, eventId, usual);
        known.put(key, new Known(duration, Instant.now()));
        return duration;
    }

    /** Forgets what was read: the next call reads the latest deployed processes (after a reload, in tests). */
    public void forget() {
        known.clear();
    }

    private String read(String processKey, String eventId, String usual) {
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(processKey).list().stream()
                .max(Comparator.comparingInt(ProcessDefinition::getVersion)).orElse(null);
        if (latest == null) {
            return usual;
        }
        CatchEvent event = repository.getBpmnModelInstance(latest.getId()).getModelElementById(eventId);
        String text = event == null ? null : event.getEventDefinitions().stream()
                .filter(TimerEventDefinition.class::isInstance).map(TimerEventDefinition.class::cast)
                .filter(t -> t.getTimeDuration() != null).map(t -> t.getTimeDuration().getTextContent().trim())
                .findFirst().orElse(null);
        if (text == null) {
            log.warn("No timer {} with a duration in {} v{}: the usual {} is said", eventId, processKey, latest.getVersion(), usual);
            return usual;
        }
        try {
            Duration.parse(text);
            return text;
        } catch (DateTimeParseException e) {
            // an expression (${...}) or a duration in months or years: no fixed length to say
            log.warn("Timer {} of {} v{} is « {} »: the usual {} is said", eventId, processKey, latest.getVersion(), text, usual);
            return usual;
        }
    }

    /** « dans les 7 jours », « dans les 24 heures »; for one unit « dans un délai d'un jour » (« d'une heure »). */
    static String within(String inFrench) {
        if (inFrench.startsWith("1 ")) {
            String unit = inFrench.substring(2);
            return "dans un délai " + (unit.equals("jour") ? "d'un jour" : "d'une " + unit);
        }
        return "dans les " + inFrench;
    }

    /**
     * « 7 jours » (P7D), « 24 heures » (PT24H), « 36 heures » (P1DT12H), « 90 minutes » (PT90M): in days when the
     * analyst wrote days only, otherwise in the largest whole unit of hours or minutes.
     */
    static String inFrench(String iso) {
        Duration d = Duration.parse(iso);
        if (!iso.contains("T") && d.toDays() > 0) {
            return plural(d.toDays(), "jour");
        }
        if (d.toMinutesPart() == 0 && d.toSecondsPart() == 0 && d.toHours() > 0) {
            return plural(d.toHours(), "heure");
        }
        return plural(Math.max(1, d.toMinutes()), "minute");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n > 1 ? "s" : "");
    }
}
