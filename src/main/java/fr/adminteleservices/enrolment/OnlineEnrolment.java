package fr.adminteleservices.enrolment;

import fr.adminteleservices.accounts.Accounts;
import fr.adminteleservices.establishment.EstablishmentService;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The guardian's side of the téléinscription, through {@code processes/teleinscription.bpmn}: start it
 * for a child of the account assigned to a participating lycée while the window is open, choose the
 * options, confirm or go back. Student accounts never see it: enrolling a minor is the parents' act
 * (guide §7: « les matières sélectionnables par les parents »).
 */
@Service
public class OnlineEnrolment {

    static final String PROCESS = "teleinscription";
    static final String CHOOSE = "ChoisirOptions";
    static final String CONFIRM = "ConfirmerInscription";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final EnrolmentMapper mapper;
    private final Teleinscription teleinscription;
    private final EstablishmentService establishments;
    private final Accounts accounts;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final Clock clock;

    OnlineEnrolment(EnrolmentMapper mapper, Teleinscription teleinscription, EstablishmentService establishments,
                    Accounts accounts, RuntimeService runtime, TaskService tasks, Clock clock) {
        this.mapper = mapper;
        this.teleinscription = teleinscription;
        this.establishments = establishments;
        this.accounts = accounts;
        this.runtime = runtime;
        this.tasks = tasks;
        this.clock = clock;
    }

    /** Where the guardian stands: the step of the process, or the state when none runs. */
    public enum Step { NOT_STARTED, CHOOSE, CONFIRM, COMPLETED }

    /** One child's enrolment as the portal shows it. */
    public record Enrolment(EnrolmentMapper.PortalRow assignment, EnrolmentWindow window, Step step,
                            LyceeProfile.Mef mef, Map<String, String> chosen, List<EnrolmentMapper.ChoiceRow> completedChoices) {

        public String stateLabel() {
            return EnrolmentState.valueOf(assignment.state()).label();
        }

        /** The options chosen so far (the process variable), with their label, for the summary. */
        public List<LyceeProfile.Option> chosenOptions() {
            List<LyceeProfile.Option> list = new ArrayList<>();
            if (mef != null) {
                chosen.values().forEach(code -> mef.option(code).ifPresent(list::add));
            }
            return list;
        }
    }

    /**
     * The enrolment the portal's home offers for this child of the account, if any: a guardian's account
     * reaching the child, an assignment of the current year to a participating lycée, the window open and the
     * service « Téléinscription » open in both establishments (or the enrolment completed, which stays visible).
     */
    public Optional<Enrolment> offer(long accountId, String collegeUai, long studentId) {
        Optional<Accounts.PortalAccount> account = accounts.account(accountId);
        if (account.isEmpty() || !"GUARDIAN".equals(account.get().holder()) || !accounts.reaches(accountId, collegeUai, studentId)) {
            return Optional.empty();
        }
        String academy = establishments.find(collegeUai).map(e -> e.academyCode()).orElse(null);
        if (academy == null) {
            return Optional.empty();
        }
        EnrolmentWindow window = teleinscription.window(academy);
        EnrolmentMapper.PortalRow row = mapper.findOfChild(collegeUai, studentId, window.startYear());
        if (row == null || !row.lyceeTakesPart()) {
            return Optional.empty();
        }
        // families enrol only while the académie's window is open and where the service « Téléinscription » is
        // open in the collège and the lycée (as the portal lists services); a completed enrolment stays visible
        if ((!window.open() || !row.serviceOpen()) && !EnrolmentState.COMPLETED.name().equals(row.state())) {
            return Optional.empty();
        }
        return Optional.of(enrolment(row, window));
    }

    /** For the portal's home page (a template calls it): the offer, or null. */
    public Enrolment offerOrNull(long accountId, String collegeUai, long studentId) {
        // most children are not assigned anywhere: one indexed query, and the home page goes on
        if (!mapper.hasAssignment(collegeUai, studentId)) {
            return null;
        }
        return offer(accountId, collegeUai, studentId).orElse(null);
    }

    /** The enrolment of an assignment, for this account; empty when the account does not reach the child. */
    public Optional<Enrolment> of(long accountId, long assignmentId) {
        EnrolmentMapper.PortalRow row = mapper.findPortalRow(assignmentId);
        if (row == null) {
            return Optional.empty();
        }
        return offer(accountId, row.collegeUai(), row.studentId()).filter(e -> e.assignment().id() == assignmentId);
    }

    private Enrolment enrolment(EnrolmentMapper.PortalRow row, EnrolmentWindow window) {
        LyceeProfile.Mef mef = teleinscription.profile(row.lyceeUai()).mef(row.mefCode()).orElse(null);
        Step step = switch (EnrolmentState.valueOf(row.state())) {
            case NOT_STARTED -> Step.NOT_STARTED;
            case COMPLETED -> Step.COMPLETED;
            case IN_PROGRESS -> {
                Task task = task(row);
                yield task != null && CONFIRM.equals(task.getTaskDefinitionKey()) ? Step.CONFIRM : Step.CHOOSE;
            }
        };
        Map<String, String> chosen = new LinkedHashMap<>();
        if (row.processInstanceId() != null && step != Step.COMPLETED) {
            Object value = runtime.createProcessInstanceQuery().processInstanceId(row.processInstanceId()).count() == 0 ? null
                    : runtime.getVariable(row.processInstanceId(), "choices");
            chosen.putAll(decode(value == null ? null : value.toString()));
        }
        return new Enrolment(row, window, step, mef,
                chosen, step == Step.COMPLETED ? mapper.findChoices(row.id()) : List.of());
    }

    private Task task(EnrolmentMapper.PortalRow row) {
        if (row.processInstanceId() == null) {
            return null;
        }
        return tasks.createTaskQuery().processInstanceId(row.processInstanceId()).active().singleResult();
    }

    /** « Commencer la téléinscription ». */
    @Transactional
    public void start(long accountId, long assignmentId) {
        Enrolment e = of(accountId, assignmentId).orElseThrow(() -> new EnrolmentRefused("Téléinscription introuvable."));
        if (!e.window().open()) {
            throw new EnrolmentRefused(e.window().message());
        }
        if (e.step() != Step.NOT_STARTED) {
            return; // a second click: the enrolment already runs
        }
        if (e.mef() == null || e.mef().empty()) {
            throw new EnrolmentRefused("Le lycée n'a pas encore publié les options de cette formation : réessayez plus tard "
                    + "ou contactez le lycée.");
        }
        EnrolmentMapper.PortalRow row = e.assignment();
        Date closesAt = Date.from(e.window().endsOn().plusDays(1).atStartOfDay(PARIS).toInstant());
        String pid = runtime.startProcessInstanceByKey(PROCESS, row.lyceeUai() + ":" + row.id(),
                Map.of("uai", row.lyceeUai(), "assignmentId", row.id(), "closesAt", closesAt, "accountId", accountId)).getId();
        if (mapper.markStarted(row.id(), accountId, pid, clock.instant()) != 1) {
            throw new EnrolmentRefused("Cette téléinscription vient d'être commencée par ailleurs.");
        }
    }

    /** « Choisir les options »: checked against the lycée's profile; field → message when refused. */
    @Transactional
    public Map<String, String> choose(long accountId, long assignmentId, Map<String, String> chosen) {
        Enrolment e = inStep(accountId, assignmentId, Step.CHOOSE);
        Map<String, String> clean = new LinkedHashMap<>();
        chosen.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                clean.put(k, v.strip());
            }
        });
        Map<String, String> errors = LyceeProfile.check(e.mef(), clean);
        if (!errors.isEmpty()) {
            return errors;
        }
        tasks.complete(task(e.assignment()).getId(), Map.of("choices", encode(clean)));
        return Map.of();
    }

    /** « Confirmer l'inscription »: confirm, or go back to the options. */
    @Transactional
    public void confirm(long accountId, long assignmentId, boolean confirmed) {
        Enrolment e = inStep(accountId, assignmentId, Step.CONFIRM);
        tasks.complete(task(e.assignment()).getId(), Map.of("confirmed", confirmed));
    }

    private Enrolment inStep(long accountId, long assignmentId, Step step) {
        Enrolment e = of(accountId, assignmentId).orElseThrow(() -> new EnrolmentRefused("Téléinscription introuvable."));
        if (!e.window().open()) {
            throw new EnrolmentRefused(e.window().message());
        }
        if (e.step() != step) {
            throw new EnrolmentRefused("Cette étape de la téléinscription est déjà passée : la page est rechargée.");
        }
        return e;
    }

    /** The choices as the process keeps them: {@code EXPLORATION-1=076700,SECTION=030251}. */
    static String encode(Map<String, String> chosen) {
        return String.join(",", chosen.entrySet().stream().map(x -> x.getKey() + "=" + x.getValue()).toList());
    }

    static Map<String, String> decode(String value) {
        Map<String, String> map = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return map;
        }
        for (String pair : value.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return map;
    }

    /**
     * "Enregistrer l'inscription et les options choisies": state COMPLETED and the choices with their labels.
     * The choices are checked again against the lycée's profile, whoever completed the tasks: the portal
     * checked them already, but a value set any other way (the engine's API) must not be recorded.
     */
    @Transactional
    public void recordCompleted(String uai, long assignmentId, String choices) {
        EnrolmentMapper.AssignmentRow a = mapper.findAssignment(assignmentId);
        if (a != null && !a.lyceeUai().equals(uai)) {
            throw new EnrolmentRefused("Cette affectation n'est pas celle du lycée " + uai + ".");
        }
        LyceeProfile.Mef mef = a == null ? null : teleinscription.profile(a.lyceeUai()).mef(a.mefCode()).orElse(null);
        if (mef == null && a != null) {
            throw new EnrolmentRefused("Le lycée ne propose plus de téléinscription pour ce MEF : l'inscription n'est pas enregistrée.");
        }
        if (mef != null) {
            Map<String, String> errors = LyceeProfile.check(mef, decode(choices));
            if (!errors.isEmpty()) {
                throw new EnrolmentRefused("Les options choisies ne sont pas celles que propose le lycée ("
                        + String.join(" ; ", errors.values()) + ") : l'inscription n'est pas enregistrée.");
            }
        }
        if (a == null || mapper.markCompleted(assignmentId, clock.instant()) != 1) {
            return; // already recorded (a retried job) or the assignment is gone
        }
        for (String code : decode(choices).values()) {
            String label = mef == null ? code : mef.option(code).map(LyceeProfile.Option::label).orElse(code);
            OptionCategory category = mef == null ? null : mef.categoryOf(code).orElse(null);
            mapper.insertChoice(assignmentId, code, category == null ? "OTHER" : category.name(), label);
        }
    }

    /** "Clore l'inscription non confirmée": the school year is over; the enrolment is not done. */
    @Transactional
    public void recordClosed(long assignmentId) {
        mapper.markClosed(assignmentId);
    }
}
