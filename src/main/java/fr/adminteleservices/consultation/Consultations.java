package fr.adminteleservices.consultation;

import fr.adminteleservices.accounts.Accounts;
import fr.adminteleservices.platform.RuleBook;
import fr.adminteleservices.settings.PublicationMode;
import fr.adminteleservices.settings.Settings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What a guardian or a student sees of one child in Notes, Absences and the LPC (G1, S5, S6, R1):
 * the child's rows of the téléservices side, each decided by the rule {@code publication-visibility}
 * (D1) for today, and one line of {@code consultation_log} per page shown (T3, written in batches by {@link ViewLog}). A child whose valid
 * code is not in the account is refused ({@link ChildNotReached}) and the attempt logged.
 */
@Service
public class Consultations {

    static final String RULES = "publication-visibility";
    private static final Logger log = LoggerFactory.getLogger(Consultations.class);
    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final ConsultationMapper mapper;
    private final RuleBook rules;
    private final Clock clock;
    private final ViewLog viewLog;
    private final DecidedPages decided;

    Consultations(ConsultationMapper mapper, RuleBook rules, Clock clock, ViewLog viewLog,
                  DecidedPages decided) {
        this.mapper = mapper;
        this.rules = rules;
        this.clock = clock;
        this.viewLog = viewLog;
        this.decided = decided;
    }

    /** Whether the page shows the service's data, or why not. */
    public enum Availability {
        SHOWN,
        /** The service is not open in the establishment (as replicated last night). */
        SERVICE_CLOSED,
        /** E3: the school removed the national téléservices from this student's own account (refusal coupon). */
        ACCESS_REMOVED
    }

    public record Child(String uai, long studentId, String firstName, String lastName, String division,
                        String establishmentName) {
    }

    /** One page: the child, whether the service shows, its visible items (newest first) and how they are published. */
    public record Page<T>(Teleservice service, Child child, Availability availability, List<T> items, String publicationNote) {
        public boolean shown() {
            return availability == Availability.SHOWN;
        }
    }

    public record GradeLine(LocalDate heldOn, String subject, String title, BigDecimal grade, String mark, int scale,
                            BigDecimal coefficient) {
        /** "12,5 / 20", or the mark ("Absent", "Dispensé", "Non noté"). */
        public String result() {
            if (grade == null) {
                SchoolRecords.Mark m = mark == null ? null : SchoolRecords.Mark.valueOf(mark);
                return m == null ? "" : m.label();
            }
            return decimal(grade) + " / " + scale;
        }

        public String coefficientText() {
            return decimal(coefficient);
        }

        public String heldOnText() {
            return FRENCH_DATE.format(heldOn);
        }
    }

    public record AbsenceLine(LocalDate absentOn, String halfDay, int hours, boolean justified, String reason) {
        public String halfDayLabel() {
            return SchoolRecords.HalfDay.valueOf(halfDay).label();
        }

        public String absentOnText() {
            return FRENCH_DATE.format(absentOn);
        }
    }

    public record LpcLine(String competence, String item, LocalDate validatedOn) {
        public String validatedOnText() {
            return FRENCH_DATE.format(validatedOn);
        }
    }

    public Page<GradeLine> grades(Accounts.PortalAccount account, String uai, long studentId) {
        ConsultationMapper.ChildRow child = reach(account, uai, studentId, Teleservice.NOTES);
        LocalDate today = LocalDate.now(clock);
        PublicationMode mode = child.notesMode() == null ? PublicationMode.DAILY : PublicationMode.valueOf(child.notesMode());
        LocalDate dueDate = mode == PublicationMode.DUE_DATES ? child.divisionDueOn() : null;
        String note = notesNote(mode, dueDate, child.divisionCode(), today);
        return page(account, child, Teleservice.NOTES, today, note, () -> mapper.findGrades(uai, studentId),
                g -> Publication.assessment(today, child.serviceOpen(), g.publishedOn(), mode, dueDate),
                g -> new GradeLine(g.heldOn(), g.subject(), g.title(), g.grade(), g.mark(), g.scale(), g.coefficient()));
    }

    public Page<AbsenceLine> absences(Accounts.PortalAccount account, String uai, long studentId) {
        ConsultationMapper.ChildRow child = reach(account, uai, studentId, Teleservice.ABSENCES);
        LocalDate today = LocalDate.now(clock);
        return page(account, child, Teleservice.ABSENCES, today,
                "Une absence apparaît le lendemain du jour où elle a eu lieu : les données de l'établissement sont "
                        + "mises à jour chaque nuit.",
                () -> mapper.findAbsences(uai, studentId),
                a -> Publication.absence(today, child.serviceOpen(), a.absentOn()),
                a -> new AbsenceLine(a.absentOn(), a.halfDay(), a.hours(), a.justified(), a.reason()));
    }

    public Page<LpcLine> lpcValidations(Accounts.PortalAccount account, String uai, long studentId) {
        ConsultationMapper.ChildRow child = reach(account, uai, studentId, Teleservice.LPC);
        LocalDate today = LocalDate.now(clock);
        int delay = child.lpcDelayDays() == null ? Settings.DEFAULT_LPC_DELAY
                : Math.max(Publication.MIN_LPC_DELAY_DAYS, Math.min(Publication.MAX_LPC_DELAY_DAYS, child.lpcDelayDays()));
        return page(account, child, Teleservice.LPC, today,
                "Une validation de compétence apparaît " + delay + " jours après sa saisie par l'équipe pédagogique.",
                () -> mapper.findLpcValidations(uai, studentId),
                v -> Publication.lpcValidation(today, child.serviceOpen(), v.validatedOn(), delay),
                v -> new LpcLine(v.competence(), v.item(), v.validatedOn()));
    }

    private ConsultationMapper.ChildRow reach(Accounts.PortalAccount account, String uai, long studentId, Teleservice service) {
        ConsultationMapper.ChildRow child = mapper.findReachedChild(account.id(), uai, studentId, service.code());
        if (child == null) {
            log.warn("Consultation refused: portal account {} ({}) asked for {} of student {} of {}, not reached by the account",
                    account.id(), account.holder(), service, studentId, uai);
            throw new ChildNotReached(account.id(), uai, studentId);
        }
        return child;
    }

    private <R, T> Page<T> page(Accounts.PortalAccount account, ConsultationMapper.ChildRow child, Teleservice service,
                                LocalDate today, String note, Supplier<List<R>> rows, Function<R, Publication> fact,
                                Function<R, T> line) {
        Child view = new Child(child.uai(), child.id(), child.firstName(), child.lastName(), child.divisionCode(),
                child.establishmentName());
        if ("STUDENT".equals(account.holder()) && child.nationalServicesRefused()) {
            return new Page<>(service, view, Availability.ACCESS_REMOVED, List.of(), null);
        }
        if (!child.serviceOpen()) {
            return new Page<>(service, view, Availability.SERVICE_CLOSED, List.of(), null);
        }
        // the rows and the rule's decisions change with the next copy of the establishment, the day or the rules
        DecidedPages.Key key = new DecidedPages.Key(service, child.uai(), child.id(), child.copyStamp(), today,
                rules.generation());
        List<T> visible = decided.lines(key, () -> visible(rows.get(), fact, line));
        // counted in memory, written with the other pages' views every few seconds (one commit for hundreds of pages)
        viewLog.record(new ViewLog.View(clock.instant(), child.uai(), child.mefstat(), service.code(), account.holder(),
                account.id(), child.id()));
        return new Page<>(service, view, Availability.SHOWN, visible, note);
    }

    /** The rows the rule publication-visibility shows, in their order. */
    private <R, T> List<T> visible(List<R> candidates, Function<R, Publication> fact, Function<R, T> line) {
        List<Publication> facts = candidates.stream().map(fact).toList();
        if (!facts.isEmpty()) {
            rules.session(RULES).execute(facts);
        }
        List<T> visible = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Publication p = facts.get(i);
            if (!p.isDecided()) {
                throw new IllegalStateException("The rules " + RULES + " decided nothing for a " + p.getKind());
            }
            if (p.isVisible()) {
                visible.add(line.apply(candidates.get(i)));
            }
        }
        return List.copyOf(visible);
    }

    private static String notesNote(PublicationMode mode, LocalDate dueDate, String division, LocalDate today) {
        String of = division == null ? "" : " de la division " + division;
        if (mode == PublicationMode.DAILY) {
            return "Les notes sont publiées au fil de l'eau : chaque note apparaît le lendemain de la date de publication "
                    + "choisie par l'enseignant.";
        }
        if (dueDate == null) {
            return "Les notes sont publiées à échéance ; aucune date d'échéance n'est encore fixée pour les notes" + of + ".";
        }
        if (!dueDate.isBefore(today)) {
            return "Les notes sont publiées à échéance : les notes" + of + " publiées jusqu'au " + FRENCH_DATE.format(dueDate)
                    + " seront visibles à partir du " + FRENCH_DATE.format(dueDate.plusDays(1)) + ".";
        }
        return "Les notes sont publiées à échéance : sont affichées les notes" + of + " publiées jusqu'au "
                + FRENCH_DATE.format(dueDate) + ", date de la dernière échéance.";
    }

    private static String decimal(BigDecimal value) {
        if (value == null) {
            return "";
        }
        // "12,5", "10", "0,25": at most two decimals, rounded half-even as DecimalFormat("0.##") did, without
        // building a DecimalFormat and its French symbols for every cell of every page (a portal hot spot in JFR)
        return value.setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString().replace('.', ',');
    }
}
