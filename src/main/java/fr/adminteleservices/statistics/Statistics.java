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

    Statistics(StatisticsMapper mapper, EstablishmentService establishments, Clock clock) {
        this.mapper = mapper;
        this.establishments = establishments;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ §6.1

    public Synthesis<StudentCodeLine> studentCodes(String uai) {
        Establishment e = establishments.get(uai);
        Period period = period(e.academyCode());
        StudentCodeLine total = mapper.studentCodes(BY_ESTABLISHMENT, uai, null, period).stream().findFirst()
                .map(StudentCodeLine::of).orElseGet(() -> StudentCodeLine.sum(List.of()));
        List<StudentCodeLine> rows = mapper.studentCodes(BY_STRUCTURE, uai, null, period).stream()
                .map(StudentCodeLine::of).toList();
        return new Synthesis<>(total.named(e.uai(), e.name()), null, period.label(), rows, StudentCodeLine.sum(rows));
    }

    public Synthesis<StudentCodeLine> academyStudentCodes(String academyCode) {
        Academy academy = academy(academyCode);
        Period period = period(academyCode);
        List<StudentCodeLine> rows = mapper.studentCodes(BY_ACADEMY, null, academyCode, period).stream()
                .map(StudentCodeLine::of).toList();
        StudentCodeLine sum = StudentCodeLine.sum(rows);
        // a student and their codes belong to one establishment: the académie's line is the sum of its establishments
        return new Synthesis<>(null, sum.named(null, academy.name()), period.label(), rows, sum);
    }

    // ------------------------------------------------------------------ §6.2

    public Synthesis<GuardianCodeLine> guardianCodes(String uai) {
        Establishment e = establishments.get(uai);
        Period period = period(e.academyCode());
        GuardianCodeLine total = mapper.guardianCodes(BY_ESTABLISHMENT, uai, null, period).stream().findFirst()
                .map(GuardianCodeLine::of).orElseGet(() -> GuardianCodeLine.sum(List.of()));
        List<GuardianCodeLine> rows = mapper.guardianCodes(BY_STRUCTURE, uai, null, period).stream()
                .map(GuardianCodeLine::of).toList();
        return new Synthesis<>(total.named(e.uai(), e.name()), null, period.label(), rows, GuardianCodeLine.sum(rows));
    }

    public Synthesis<GuardianCodeLine> academyGuardianCodes(String academyCode) {
        Academy academy = academy(academyCode);
        Period period = period(academyCode);
        List<GuardianCodeLine> rows = mapper.guardianCodes(BY_ACADEMY, null, academyCode, period).stream()
                .map(GuardianCodeLine::of).toList();
        GuardianCodeLine s = GuardianCodeLine.sum(rows);
        // SIECLE's persons are per establishment: a guardian of children in two establishments counts in each
        return new Synthesis<>(null, s.named(null, academy.name()), period.label(), rows, s);
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
