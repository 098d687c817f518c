package fr.adminteleservices.statistics;

import fr.adminteleservices.establishment.Academy;
import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The three syntheses of §6, for one establishment or for the académie. The database counts (one row per group);
 * this class only adds the « Somme » line and the shares, and lays the access counts out for the charts.
 */
@Service
@Transactional(readOnly = true)
public class Statistics {

    static final String BY_ESTABLISHMENT = "ESTABLISHMENT";
    static final String BY_STRUCTURE = "STRUCTURE";
    static final String BY_ACADEMY = "ACADEMY";

    private final StatisticsMapper mapper;
    private final EstablishmentService establishments;
    private final Clock clock;
    private final CodeSynthesis<StatisticsMapper.StudentCodeCounts, StudentCodeLine> studentCodes;
    private final CodeSynthesis<StatisticsMapper.GuardianCodeCounts, GuardianCodeLine> guardianCodes;

    Statistics(StatisticsMapper mapper, EstablishmentService establishments, Clock clock) {
        this.mapper = mapper;
        this.establishments = establishments;
        this.clock = clock;
        this.studentCodes = new CodeSynthesis<>(mapper::studentCodes, StudentCodeLine::of, StudentCodeLine::sum, StudentCodeLine::named);
        this.guardianCodes = new CodeSynthesis<>(mapper::guardianCodes, GuardianCodeLine::of, GuardianCodeLine::sum, GuardianCodeLine::named);
    }

    // ------------------------------------------------------------------ §6.1 and §6.2

    /**
     * A synthesis of codes as its line type reads, adds up and names it; §6.1 and §6.2 differ only by these, so one
     * pair of methods below serves both.
     */
    private record CodeSynthesis<C, L>(Counts<C> counts, Function<C, L> line, Function<List<L>, L> sum, Named<L> named) {
    }

    /** The mapper's query of one synthesis: {@code by} {@link #BY_ESTABLISHMENT}, {@link #BY_STRUCTURE} or {@link #BY_ACADEMY}. */
    private interface Counts<C> {
        List<C> of(String by, String uai, String academyCode, Period period);
    }

    /** The same line said of an establishment or an académie. */
    private interface Named<L> {
        L of(L line, String uai, String name);
    }

    public Synthesis<StudentCodeLine> studentCodes(String uai) {
        return ofEstablishment(studentCodes, uai);
    }

    /** A student and their codes belong to one establishment: the académie's line is the sum of its establishments. */
    public Synthesis<StudentCodeLine> academyStudentCodes(String academyCode) {
        return ofAcademy(studentCodes, academyCode);
    }

    public Synthesis<GuardianCodeLine> guardianCodes(String uai) {
        return ofEstablishment(guardianCodes, uai);
    }

    /** SIECLE's persons are per establishment: a guardian of children in two establishments counts in each. */
    public Synthesis<GuardianCodeLine> academyGuardianCodes(String academyCode) {
        return ofAcademy(guardianCodes, academyCode);
    }

    private <C, L> Synthesis<L> ofEstablishment(CodeSynthesis<C, L> kind, String uai) {
        Establishment e = establishments.get(uai);
        Period period = period(e.academyCode());
        L total = kind.counts().of(BY_ESTABLISHMENT, uai, null, period).stream().findFirst()
                .map(kind.line()).orElseGet(() -> kind.sum().apply(List.of()));
        List<L> rows = kind.counts().of(BY_STRUCTURE, uai, null, period).stream().map(kind.line()).toList();
        return new Synthesis<>(kind.named().of(total, e.uai(), e.name()), null, period.label(), rows, kind.sum().apply(rows));
    }

    private <C, L> Synthesis<L> ofAcademy(CodeSynthesis<C, L> kind, String academyCode) {
        Academy academy = academy(academyCode);
        Period period = period(academyCode);
        List<L> rows = kind.counts().of(BY_ACADEMY, null, academyCode, period).stream().map(kind.line()).toList();
        L sum = kind.sum().apply(rows);
        return new Synthesis<>(null, kind.named().of(sum, null, academy.name()), period.label(), rows, sum);
    }

    // ------------------------------------------------------------------ « Parcours des comptes »

    static final String GUARDIANS = "GUARDIAN";
    static final String STUDENTS = "STUDENT";

    /** Where the couples ({@link #GUARDIANS}) or the students ({@link #STUDENTS}) stand, by MEF and division. */
    public Synthesis<FunnelLine> funnel(String holder, String uai) {
        Establishment e = establishments.get(uai);
        Period period = period(e.academyCode());
        List<FunnelLine> rows = mapper.funnel(holder, BY_STRUCTURE, uai, null, period).stream()
                .map(c -> FunnelLine.of(holder, c)).toList();
        // each couple or student is on one line: the establishment's line is the sum (one query fewer)
        FunnelLine sum = FunnelLine.sum(holder, rows);
        return new Synthesis<>(sum.named(e.uai(), e.name()), null, period.label(), rows, sum);
    }

    /** The same for the académie, one line per establishment. */
    public Synthesis<FunnelLine> academyFunnel(String holder, String academyCode) {
        Academy academy = academy(academyCode);
        Period period = period(academyCode);
        List<FunnelLine> rows = mapper.funnel(holder, BY_ACADEMY, null, academyCode, period).stream()
                .map(c -> FunnelLine.of(holder, c)).toList();
        FunnelLine sum = FunnelLine.sum(holder, rows);
        return new Synthesis<>(null, sum.named(null, academy.name()), period.label(), rows, sum);
    }

    // ------------------------------------------------------------------ §6.3

    public Accesses accesses(String uai) {
        return accesses(uai, null, period(establishments.get(uai).academyCode()));
    }

    public Accesses academyAccesses(String academyCode) {
        academy(academyCode);
        return accesses(null, academyCode, period(academyCode));
    }

    private Accesses accesses(String uai, String academy, Period period) {
        List<Period.Month> months = period.months();
        Accesses.Tally[] perMonth = new Accesses.Tally[months.size()];
        for (int i = 0; i < perMonth.length; i++) {
            perMonth[i] = new Accesses.Tally();
        }
        Map<AccessCategory, Accesses.Tally> perCategory = new EnumMap<>(AccessCategory.class);
        for (AccessCategory c : AccessCategory.values()) {
            perCategory.put(c, new Accesses.Tally());
        }
        for (StatisticsMapper.DayCount d : mapper.accessesByDay(uai, academy, period)) {
            AccessCategory c = AccessCategory.ofService(d.service());
            int month = period.monthIndex(d.consultedOn());
            if (c != null && month >= 0) {
                perMonth[month].add(c, d.holder(), d.accesses());
                perCategory.get(c).add(c, d.holder(), d.accesses());
            }
        }
        Map<String, Accesses.Tally> perMefStat = new TreeMap<>();
        for (StatisticsMapper.AccessCount a : mapper.accessesByMefStat(uai, academy, period)) {
            AccessCategory c = AccessCategory.ofService(a.service());
            if (c != null) {
                perMefStat.computeIfAbsent(a.bucket(), k -> new Accesses.Tally()).add(c, a.holder(), a.accesses());
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        mapper.mefStatLabels(uai, academy).forEach(l -> labels.put(l.mefstat(), l.label()));

        List<Accesses.ByMonth> byMonth = new ArrayList<>();
        for (int i = 0; i < months.size(); i++) {
            Accesses.Tally t = perMonth[i];
            byMonth.add(new Accesses.ByMonth(months.get(i).month(), months.get(i).label(), t.of(AccessCategory.ABSENCES),
                    t.of(AccessCategory.LPC), t.of(AccessCategory.NOTES), t.of(AccessCategory.FICHE_RENSEIGNEMENTS),
                    t.guardians, t.students, t.total()));
        }
        List<Accesses.ByCategory> byCategory = perCategory.entrySet().stream()
                .map(e -> new Accesses.ByCategory(e.getKey().name(), e.getKey().label(), e.getValue().guardians,
                        e.getValue().students, e.getValue().total())).toList();
        List<Accesses.ByMefStat> byMefStat = perMefStat.entrySet().stream().map(e -> {
            Accesses.Tally t = e.getValue();
            String code = e.getKey();
            String label = code.isEmpty() ? "MEFSTAT inconnu" : labels.getOrDefault(code, code);
            return new Accesses.ByMefStat(code.isEmpty() ? null : code, label, t.of(AccessCategory.ABSENCES),
                    t.of(AccessCategory.LPC), t.of(AccessCategory.NOTES), t.of(AccessCategory.FICHE_RENSEIGNEMENTS),
                    t.guardians, t.students, t.total());
        }).toList();
        return new Accesses(uai, period.label(), byMonth, byCategory, byMefStat);
    }

    // ------------------------------------------------------------------

    private Period period(String academyCode) {
        SchoolYear year = establishments.currentSchoolYear(academyCode).orElseThrow(() -> new IllegalStateException(
                "L'académie " + academyCode + " n'a pas d'année scolaire en cours : les statistiques la supposent."));
        return Period.of(year, LocalDate.now(clock.withZone(Period.PARIS)));
    }

    private Academy academy(String code) {
        return establishments.academy(code).orElseThrow(() -> new UnknownAcademyException(code));
    }
}
