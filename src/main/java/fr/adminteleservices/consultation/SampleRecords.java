package fr.adminteleservices.consultation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deterministic sample of what SIECLE Notes, Absences and LPC hold for an establishment, for the demo:
 * assessments of every division spread over the school year (published ones, and some whose teacher's
 * publication date is still to come), their grades, half-days of absence up to today, and LPC
 * validations of the 3e students (some still within the publication delay). The same school year and
 * the same day give the same rows.
 */
@Component
public class SampleRecords {

    private static final Logger log = LoggerFactory.getLogger(SampleRecords.class);
    private static final int ASSESSMENTS_PER_DIVISION = 12;

    private static final Map<String, List<String>> TOPICS = new LinkedHashMap<>();

    static {
        TOPICS.put("Français", List.of("Dictée", "Rédaction", "Lecture cursive", "Grammaire : les classes de mots",
                "Conjugaison", "Étude de texte"));
        TOPICS.put("Mathématiques", List.of("Les fractions", "Calcul littéral", "Géométrie : les triangles",
                "Proportionnalité", "Statistiques", "Équations"));
        TOPICS.put("Histoire-géographie", List.of("L'Antiquité", "Le Moyen Âge", "Habiter une métropole",
                "La Révolution française", "Croquis de synthèse", "Repères chronologiques"));
        TOPICS.put("Anglais", List.of("Vocabulary test", "Compréhension orale", "Expression écrite", "Irregular verbs"));
        TOPICS.put("Sciences de la vie et de la Terre", List.of("La cellule", "La digestion", "Les séismes",
                "Compte rendu de TP"));
        TOPICS.put("Physique-chimie", List.of("Les états de la matière", "Circuits électriques", "Masse volumique"));
        TOPICS.put("Technologie", List.of("Projet : maquette", "Analyse d'un objet technique"));
        TOPICS.put("Éducation physique et sportive", List.of("Course de demi-fond", "Acrosport", "Badminton"));
    }

    private static final List<String[]> LPC_ITEMS = List.of(
            new String[] {"Compétence 1 — La maîtrise de la langue française", "Lire : adapter son mode de lecture à la nature du texte"},
            new String[] {"Compétence 1 — La maîtrise de la langue française", "Écrire : rédiger un texte bref, cohérent et ponctué"},
            new String[] {"Compétence 2 — La pratique d'une langue vivante étrangère", "Comprendre un message oral"},
            new String[] {"Compétence 3 — Les principaux éléments de mathématiques et la culture scientifique et technologique",
                    "Pratiquer une démarche scientifique et technologique, résoudre des problèmes"},
            new String[] {"Compétence 4 — La maîtrise des techniques usuelles de l'information et de la communication",
                    "S'approprier un environnement informatique de travail"},
            new String[] {"Compétence 5 — La culture humaniste", "Avoir des connaissances et des repères"},
            new String[] {"Compétence 6 — Les compétences sociales et civiques", null},
            new String[] {"Compétence 7 — L'autonomie et l'initiative", "S'appuyer sur des méthodes de travail pour être autonome"});

    private static final List<String> REASONS = List.of("Maladie", "Rendez-vous médical", "Raison familiale", "Transport");

    private final ConsultationMapper mapper;
    private final SchoolRecords records;
    private final Clock clock;

    SampleRecords(ConsultationMapper mapper, SchoolRecords records, Clock clock) {
        this.mapper = mapper;
        this.records = records;
        this.clock = clock;
    }

    /** Fills the establishment's records for the school year, once (nothing happens if it already has assessments). */
    @Transactional
    public void fill(String uai, LocalDate yearStart, LocalDate yearEnd) {
        if (records.hasAssessments(uai)) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        Random random = new Random(31L * uai.hashCode() + yearStart.getYear());
        List<ConsultationMapper.SampleStudent> students = mapper.findPresentStudents(uai);
        Map<String, List<ConsultationMapper.SampleStudent>> divisions = new LinkedHashMap<>();
        Map<Long, Double> level = new LinkedHashMap<>();
        for (ConsultationMapper.SampleStudent s : students) {
            divisions.computeIfAbsent(s.divisionCode(), d -> new ArrayList<>()).add(s);
            level.put(s.id(), clamp(12 + random.nextGaussian() * 3, 4, 18));
        }
        int assessments = 0;
        int grades = 0;
        List<String> subjects = List.copyOf(TOPICS.keySet());
        long span = ChronoUnit.DAYS.between(yearStart.plusDays(14), yearEnd.minusDays(14));
        for (Map.Entry<String, List<ConsultationMapper.SampleStudent>> division : divisions.entrySet()) {
            for (int i = 0; i < ASSESSMENTS_PER_DIVISION; i++) {
                String subject = subjects.get((i + division.getKey().hashCode() & 0x7fffffff) % subjects.size());
                List<String> topics = TOPICS.get(subject);
                LocalDate heldOn = schoolDay(yearStart.plusDays(14 + span * i / ASSESSMENTS_PER_DIVISION + random.nextInt(7)));
                LocalDate publishedOn = heldOn.plusDays(3 + random.nextInt(8));
                boolean quiz = random.nextInt(4) == 0;
                int scale = quiz ? 10 : 20;
                BigDecimal coefficient = quiz ? new BigDecimal("0.5") : BigDecimal.valueOf(1 + random.nextInt(2));
                List<SchoolRecords.Result> results = new ArrayList<>();
                for (ConsultationMapper.SampleStudent s : division.getValue()) {
                    int draw = random.nextInt(100);
                    if (draw < 3) {
                        results.add(SchoolRecords.Result.mark(s.id(), SchoolRecords.Mark.ABSENT));
                    } else if (draw < 4) {
                        results.add(SchoolRecords.Result.mark(s.id(),
                                subject.startsWith("Éducation physique") ? SchoolRecords.Mark.EXCUSED : SchoolRecords.Mark.NOT_GRADED));
                    } else {
                        double onTwenty = clamp(level.get(s.id()) + random.nextGaussian() * 2.5, 0, 20);
                        BigDecimal grade = BigDecimal.valueOf(Math.round(onTwenty * scale / 20.0 * 2) / 2.0)
                                .setScale(1, RoundingMode.HALF_UP);
                        results.add(new SchoolRecords.Result(s.id(), grade, null));
                    }
                }
                records.recordAssessment(uai, new SchoolRecords.Assessment(division.getKey(), subject,
                        topics.get(random.nextInt(topics.size())), heldOn, publishedOn, scale, coefficient), results);
                assessments++;
                grades += results.size();
            }
        }

        // half-days of absence, from the start of the year up to today
        List<SchoolRecords.Absence> absences = new ArrayList<>();
        long days = ChronoUnit.DAYS.between(yearStart, today.isAfter(yearEnd) ? yearEnd : today);
        for (ConsultationMapper.SampleStudent s : students) {
            if (days <= 0 || random.nextInt(10) >= 4) {
                continue;
            }
            java.util.Set<String> taken = new java.util.HashSet<>();
            for (int episode = 0, n = 1 + random.nextInt(3); episode < n; episode++) {
                LocalDate day = schoolDay(yearStart.plusDays(random.nextLong(days + 1)));
                if (day.isAfter(today)) {
                    day = today;
                }
                boolean justified = random.nextInt(10) < 7;
                String reason = justified ? REASONS.get(random.nextInt(REASONS.size())) : null;
                int halfDays = 1 + random.nextInt(3);
                for (int h = 0; h < halfDays; h++) {
                    LocalDate on = day.plusDays(h / 2);
                    SchoolRecords.HalfDay half = h % 2 == 0 ? SchoolRecords.HalfDay.MORNING : SchoolRecords.HalfDay.AFTERNOON;
                    if (on.isAfter(today) || isWeekend(on) || !taken.add(on + "-" + half)) {
                        continue;
                    }
                    absences.add(new SchoolRecords.Absence(s.id(), on, half, half == SchoolRecords.HalfDay.MORNING ? 4 : 3,
                            justified, reason));
                }
            }
        }
        records.recordAbsences(uai, absences);

        // LPC validations of the 3e students (palier 3), the latest ones still within the publication delay
        List<SchoolRecords.LpcValidation> validations = new ArrayList<>();
        for (ConsultationMapper.SampleStudent s : students) {
            if (days <= 0 || s.mefCode() == null || !s.mefCode().startsWith("103")) {
                continue;
            }
            int first = random.nextInt(LPC_ITEMS.size());
            for (int k = 0, n = 2 + random.nextInt(3); k < n; k++) {
                String[] item = LPC_ITEMS.get((first + k) % LPC_ITEMS.size());
                validations.add(new SchoolRecords.LpcValidation(s.id(), item[0], item[1],
                        yearStart.plusDays(random.nextLong(days + 1))));
            }
        }
        records.recordLpcValidations(uai, validations);
        log.info("Demo records of {}: {} assessments, {} grades, {} half-days of absence, {} LPC validations",
                uai, assessments, grades, absences.size(), validations.size());
    }

    private static LocalDate schoolDay(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY ? day.plusDays(2)
                : day.getDayOfWeek() == DayOfWeek.SUNDAY ? day.plusDays(1) : day;
    }

    private static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
