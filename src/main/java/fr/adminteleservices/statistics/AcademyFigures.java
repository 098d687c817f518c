package fr.adminteleservices.statistics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.adminteleservices.establishment.EstablishmentService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BiFunction;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The académie's syntheses (§6.1, §6.2 and the account funnels, one line per establishment) as its pages and API serve
 * them: the figures last computed, with their time. Over 500,000 students one synthesis takes tens of seconds of the
 * database (issue 18), too long for a page: one node of the cluster computes them again every
 * {@code refresh-every}, in the background, and every node reads the same stored figures. Figures older than
 * {@code max-age} (no refresh since the start, or a failed one) are computed by the read itself, as « Recalculer
 * maintenant » does. An establishment's figures and the access charts (§6.3, « à jour ») stay computed at each display.
 */
@Component
class AcademyFigures {

    private static final Logger log = LoggerFactory.getLogger(AcademyFigures.class);

    /** The académie's syntheses kept as figures; the slug names them in the database and the API. */
    enum Kind {
        STUDENT_CODES("student-codes", StudentCodeLine.class, Statistics::academyStudentCodes),
        GUARDIAN_CODES("guardian-codes", GuardianCodeLine.class, Statistics::academyGuardianCodes),
        GUARDIAN_FUNNEL("guardian-funnel", FunnelLine.class, (s, academy) -> s.academyFunnel(Statistics.GUARDIANS, academy)),
        STUDENT_FUNNEL("student-funnel", FunnelLine.class, (s, academy) -> s.academyFunnel(Statistics.STUDENTS, academy));

        final String slug;
        private final Class<?> line;
        private final BiFunction<Statistics, String, Synthesis<?>> compute;

        Kind(String slug, Class<?> line, BiFunction<Statistics, String, Synthesis<?>> compute) {
            this.slug = slug;
            this.line = line;
            this.compute = compute;
        }
    }

    private final Statistics statistics;
    private final EstablishmentService establishments;
    private final AcademySnapshotMapper mapper;
    private final ObjectMapper json;
    private final Clock clock;
    private final AcademyStatisticsProperties properties;

    AcademyFigures(Statistics statistics, EstablishmentService establishments, AcademySnapshotMapper mapper, ObjectMapper json,
                   Clock clock, AcademyStatisticsProperties properties) {
        this.statistics = statistics;
        this.establishments = establishments;
        this.mapper = mapper;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    /** The last figures computed, unless older than {@code max-age}: then computed now (and kept). */
    @SuppressWarnings("unchecked")
    <L> Synthesis<L> read(Kind kind, String academyCode) {
        AcademySnapshotMapper.Snapshot kept = mapper.find(academyCode, kind.slug);
        if (kept != null && !kept.computedAt().isBefore(clock.instant().minus(properties.maxAge()))) {
            try {
                return ((Synthesis<L>) json.readValue(kept.figures(), type(kind))).computedAt(kept.computedAt());
            } catch (JsonProcessingException e) {
                // kept by an earlier version whose lines differ: computed again below
                log.warn("Statistiques de l'académie {} ({}) gardées illisibles : recalculées", academyCode, kind.slug, e);
            }
        }
        return compute(kind, academyCode);
    }

    /** What « Recalculer maintenant » and {@code POST …/statistics/refresh} say of one synthesis computed now. */
    record Computed(String kind, Instant computedAt, long tookMs) {
    }

    /** Computes the figures now, keeps them for every node, and returns them with their time. */
    <L> Synthesis<L> compute(Kind kind, String academyCode) {
        return this.<L>computeAndKeep(kind, academyCode).figures();
    }

    /** Computes the figures now and keeps them; says when, and how long it took. */
    Computed refresh(Kind kind, String academyCode) {
        Kept<?> kept = computeAndKeep(kind, academyCode);
        return new Computed(kind.slug, kept.figures().computedAt(), kept.tookMs());
    }

    private record Kept<L>(Synthesis<L> figures, long tookMs) {
    }

    @SuppressWarnings("unchecked")
    private <L> Kept<L> computeAndKeep(Kind kind, String academyCode) {
        Instant start = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long began = System.nanoTime();
        Synthesis<L> figures = (Synthesis<L>) kind.compute.apply(statistics, academyCode);
        long tookMs = (System.nanoTime() - began) / 1_000_000;
        try {
            mapper.save(academyCode, kind.slug, start, tookMs, json.writeValueAsString(figures));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        log.info("Statistiques de l'académie {} ({}) calculées en {} ms", academyCode, kind.slug, tookMs);
        return new Kept<>(figures.computedAt(start), tookMs);
    }

    /** Every académie's syntheses, on one node of the cluster; one that fails does not stop the others. */
    @Scheduled(initialDelayString = "${teleservices.statistics.academy.refresh-every}",
               fixedDelayString = "${teleservices.statistics.academy.refresh-every}")
    @SchedulerLock(name = "academy-statistics", lockAtMostFor = "PT1H")
    public void refreshAll() {
        for (String academy : establishments.academyCodes()) {
            for (Kind kind : Kind.values()) {
                try {
                    compute(kind, academy);
                } catch (RuntimeException e) {
                    log.warn("Statistiques de l'académie {} ({}) non recalculées ; les précédentes restent affichées", academy,
                            kind.slug, e);
                }
            }
        }
    }

    /** How often the figures are computed again, as the page says it (« toutes les 10 minutes »). */
    String refreshEveryText() {
        return every(properties.refreshEvery());
    }

    static String every(Duration d) {
        if (d.toSeconds() < 60) {
            return d.toSeconds() == 1 ? "toutes les secondes" : "toutes les " + d.toSeconds() + " secondes";
        }
        long minutes = d.toMinutes();
        if (minutes % 60 == 0) {
            return minutes == 60 ? "toutes les heures" : "toutes les " + minutes / 60 + " heures";
        }
        return minutes == 1 ? "toutes les minutes" : "toutes les " + minutes + " minutes";
    }

    /** The kind of a page of « Statistiques » ({@code codes-eleves}…), or null for the access charts. */
    static Kind ofPage(String page) {
        return switch (page) {
            case "codes-eleves" -> Kind.STUDENT_CODES;
            case "codes-responsables" -> Kind.GUARDIAN_CODES;
            case "parcours-responsables" -> Kind.GUARDIAN_FUNNEL;
            case "parcours-eleves" -> Kind.STUDENT_FUNNEL;
            default -> null;
        };
    }

    private JavaType type(Kind kind) {
        return json.getTypeFactory().constructParametricType(Synthesis.class, kind.line);
    }
}
