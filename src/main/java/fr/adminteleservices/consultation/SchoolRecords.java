package fr.adminteleservices.consultation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The administrative side of the consultations: what SIECLE Notes (assessments and grades), SIECLE
 * Absences and the LPC module hold for an establishment. No import of their exports exists yet: the
 * demo data and the tests write them here; the nightly replication copies them to the téléservices
 * side. Rows are written in batches (one statement per {@value #BATCH} rows).
 */
@Service
public class SchoolRecords {

    static final int BATCH = 500;

    /** Marks a teacher enters instead of a grade. */
    public enum Mark {
        ABSENT("Absent"), EXCUSED("Dispensé"), NOT_GRADED("Non noté");

        private final String label;

        Mark(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum HalfDay {
        MORNING("Matin"), AFTERNOON("Après-midi");

        private final String label;

        HalfDay(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** An assessment of a division or group ({@code structureCode}), with the publication date the teacher set. */
    public record Assessment(String structureCode, String subject, String title, LocalDate heldOn, LocalDate publishedOn,
                             int scale, BigDecimal coefficient) {
        public Assessment {
            Objects.requireNonNull(structureCode, "structureCode");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(heldOn, "heldOn");
            Objects.requireNonNull(publishedOn, "publishedOn");
            if (scale <= 0) {
                throw new IllegalArgumentException("scale must be positive: " + scale);
            }
            coefficient = coefficient == null ? BigDecimal.ONE : coefficient;
        }
    }

    /** One student's grade (out of the assessment's scale), or a mark instead. */
    public record Result(long studentId, BigDecimal grade, Mark mark) {
        public Result {
            if ((grade == null) == (mark == null)) {
                throw new IllegalArgumentException("A result is a grade or a mark");
            }
        }

        public static Result grade(long studentId, String grade) {
            return new Result(studentId, new BigDecimal(grade), null);
        }

        public static Result mark(long studentId, Mark mark) {
            return new Result(studentId, null, mark);
        }
    }

    public record Absence(long studentId, LocalDate absentOn, HalfDay halfDay, int hours, boolean justified, String reason) {
        public Absence {
            Objects.requireNonNull(absentOn, "absentOn");
            Objects.requireNonNull(halfDay, "halfDay");
        }
    }

    /** A validation of the LPC: a whole competence ({@code item} null) or one of its items. */
    public record LpcValidation(long studentId, String competence, String item, LocalDate validatedOn) {
        public LpcValidation {
            Objects.requireNonNull(competence, "competence");
            Objects.requireNonNull(validatedOn, "validatedOn");
        }
    }

    private final ConsultationMapper mapper;

    SchoolRecords(ConsultationMapper mapper) {
        this.mapper = mapper;
    }

    /** Records an assessment and its results; returns the assessment's id. */
    @Transactional
    public long recordAssessment(String uai, Assessment a, List<Result> results) {
        checkStudents(uai, results.stream().map(Result::studentId));
        ConsultationMapper.AssessmentInsert row = new ConsultationMapper.AssessmentInsert();
        row.uai = uai;
        row.structureCode = a.structureCode();
        row.subject = a.subject();
        row.title = a.title();
        row.heldOn = a.heldOn();
        row.publishedOn = a.publishedOn();
        row.scale = a.scale();
        row.coefficient = a.coefficient();
        mapper.insertAssessment(row);
        for (List<Result> batch : batches(results)) {
            mapper.insertGrades(uai, row.id, batch);
        }
        return row.id;
    }

    @Transactional
    public void recordAbsences(String uai, List<Absence> absences) {
        checkStudents(uai, absences.stream().map(Absence::studentId));
        for (List<Absence> batch : batches(absences)) {
            mapper.insertAbsences(uai, batch);
        }
    }

    @Transactional
    public void recordLpcValidations(String uai, List<LpcValidation> validations) {
        checkStudents(uai, validations.stream().map(LpcValidation::studentId));
        for (List<LpcValidation> batch : batches(validations)) {
            mapper.insertLpcValidations(uai, batch);
        }
    }

    public boolean hasAssessments(String uai) {
        return mapper.countAssessments(uai) > 0;
    }

    /** Every student must belong to the establishment: the records of one school never reach another's students. */
    private void checkStudents(String uai, Stream<Long> ids) {
        Set<Long> wanted = new HashSet<>(ids.toList());
        Set<Long> found = new HashSet<>();
        for (List<Long> batch : batches(List.copyOf(wanted))) {
            found.addAll(mapper.findStudentIdsOf(uai, batch));
        }
        wanted.removeAll(found);
        if (!wanted.isEmpty()) {
            throw new IllegalArgumentException("Students " + wanted + " are not students of " + uai);
        }
    }

    private static <T> List<List<T>> batches(List<T> rows) {
        List<List<T>> batches = new java.util.ArrayList<>();
        for (int i = 0; i < rows.size(); i += BATCH) {
            batches.add(rows.subList(i, Math.min(rows.size(), i + BATCH)));
        }
        return batches;
    }
}
