package fr.adminteleservices.enrolment;

import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentKind;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import fr.adminteleservices.establishment.Uai;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The assignment results (« résultats de l'affectation ») the académie uploads: a CSV file, {@code ;}
 * separated, UTF-8 with or without BOM, a header line naming the columns (any order, other columns ignored):
 * <pre>
 * UAI_COLLEGE;ELEVE_ID;UAI_LYCEE;CODE_MEF
 * 0990001N;3001;0990002P;20010017110
 * </pre>
 * one line per assigned student: the collège of origin, the student's ELEVE_ID in the collège's SIECLE,
 * the lycée and the MEF of seconde générale et technologique (code starting with 200). Every line is
 * checked; a rejected line is reported with its number and reason and the others are imported. A line
 * already imported is updated (new lycée or MEF) as long as its enrolment has not started.
 */
@Service
public class AssignmentResults {

    static final List<String> COLUMNS = List.of("UAI_COLLEGE", "ELEVE_ID", "UAI_LYCEE", "CODE_MEF");
    private static final Pattern MEF = Pattern.compile("\\d{11}");
    private static final int MAX_LINES = 200_000;

    private final EnrolmentMapper mapper;
    private final EstablishmentService establishments;
    private final Teleinscription teleinscription;
    private final Clock clock;

    AssignmentResults(EnrolmentMapper mapper, EstablishmentService establishments, Teleinscription teleinscription, Clock clock) {
        this.mapper = mapper;
        this.establishments = establishments;
        this.teleinscription = teleinscription;
        this.clock = clock;
    }

    public record Rejection(long line, String reason) {
    }

    public record Report(int created, int updated, int unchanged, List<Rejection> rejected) {
        public int accepted() {
            return created + updated + unchanged;
        }
    }

    /** Imports the file into the académie's current school year. A file that cannot be read at all is refused whole. */
    @Transactional
    public Report importCsv(String academyCode, byte[] content) {
        SchoolYear year = teleinscription.currentYear(academyCode);
        String text = decode(content);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(false).setTrim(true).setAllowMissingColumnNames(true).setIgnoreHeaderCase(true).get();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        List<Rejection> rejected = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        Map<String, Establishment> known = new HashMap<>();
        try (Reader reader = new java.io.StringReader(text); CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> missing = COLUMNS.stream().filter(c -> parser.getHeaderMap().keySet().stream()
                    .noneMatch(h -> h != null && h.strip().equalsIgnoreCase(c))).toList();
            if (missing.isEmpty() == false) {
                throw new EnrolmentRefused("La première ligne du fichier doit nommer les colonnes " + String.join(";", COLUMNS)
                        + " (séparateur « ; ») ; il manque : " + String.join(", ", missing) + ". Rien n'a été importé.");
            }
            for (CSVRecord record : parser) {
                // the header is line 1; empty lines are kept by the parser so that numbers match the file's lines
                long line = record.getRecordNumber() + 1;
                if (record.stream().allMatch(v -> v == null || v.isBlank())) {
                    continue;
                }
                if (record.getRecordNumber() > MAX_LINES) {
                    rejected.add(new Rejection(line, "Fichier trop long : les lignes au-delà de " + MAX_LINES + " ne sont pas lues."));
                    break;
                }
                String reason;
                try {
                    reason = importLine(academyCode, year, record, seen, known, line);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    reason = "Ligne incomplète : " + COLUMNS.size() + " colonnes attendues.";
                }
                switch (reason) {
                    case "created" -> created++;
                    case "updated" -> updated++;
                    case "unchanged" -> unchanged++;
                    default -> rejected.add(new Rejection(line, reason));
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new EnrolmentRefused("Le fichier n'est pas un CSV lisible (" + e.getMessage() + ") : rien n'a été importé.");
        }
        return new Report(created, updated, unchanged, List.copyOf(rejected));
    }

    /** "created", "updated", "unchanged" or the French reason of the rejection. */
    private String importLine(String academyCode, SchoolYear year, CSVRecord r, Map<String, Long> seen,
                              Map<String, Establishment> known, long line) {
        String collegeUai = value(r, "UAI_COLLEGE").toUpperCase(Locale.ROOT);
        String eleveId = value(r, "ELEVE_ID");
        String lyceeUai = value(r, "UAI_LYCEE").toUpperCase(Locale.ROOT);
        String mef = value(r, "CODE_MEF");
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (List.of(collegeUai, eleveId, lyceeUai, mef).get(i).isEmpty()) {
                return "Colonne " + COLUMNS.get(i) + " vide.";
            }
        }
        String problem = establishment(academyCode, collegeUai, EstablishmentKind.COLLEGE, "collège d'origine", known);
        if (problem != null) {
            return problem;
        }
        problem = establishment(academyCode, lyceeUai, EstablishmentKind.LYCEE, "lycée", known);
        if (problem != null) {
            return problem;
        }
        if (!MEF.matcher(mef).matches() || !mef.startsWith(LyceeProfile.SECONDE_GT_PREFIX)) {
            return "CODE_MEF " + mef + " : ce n'est pas un MEF de seconde générale et technologique (11 chiffres commençant par "
                    + LyceeProfile.SECONDE_GT_PREFIX + ").";
        }
        if (eleveId.length() > 20) {
            return "ELEVE_ID trop long : " + eleveId + ".";
        }
        Long studentId = mapper.findPresentStudent(collegeUai, eleveId);
        if (studentId == null) {
            return "Élève inconnu au collège " + collegeUai + " (ELEVE_ID " + eleveId + ") ou sorti de l'établissement.";
        }
        Long previous = seen.putIfAbsent(collegeUai + "/" + eleveId, line);
        if (previous != null) {
            return "Élève déjà affecté à la ligne " + previous + " du fichier : ligne ignorée.";
        }
        EnrolmentMapper.AssignmentRow existing = mapper.findAssignmentByStudent(year.startYear(), collegeUai, eleveId);
        if (existing == null) {
            mapper.insertAssignment(new EnrolmentMapper.AssignmentRow(null, year.startYear(), collegeUai, eleveId, studentId,
                    lyceeUai, mef, EnrolmentState.NOT_STARTED.name(), clock.instant(), null, null));
            return "created";
        }
        if (existing.lyceeUai().equals(lyceeUai) && existing.mefCode().equals(mef) && existing.studentId() == studentId) {
            return "unchanged";
        }
        if (!EnrolmentState.NOT_STARTED.name().equals(existing.state())) {
            return "La téléinscription de cet élève est déjà " + EnrolmentState.valueOf(existing.state()).label().toLowerCase(Locale.FRENCH)
                    + " au lycée " + existing.lyceeUai() + " : son affectation n'est pas modifiée.";
        }
        mapper.updateAssignment(existing.id(), studentId, lyceeUai, mef, clock.instant());
        return "updated";
    }

    private String establishment(String academyCode, String uai, EstablishmentKind kind, String role,
                                 Map<String, Establishment> known) {
        if (!Uai.isValid(uai)) {
            return "UAI du " + role + " invalide : " + uai + ".";
        }
        Establishment e = known.computeIfAbsent(uai, u -> establishments.find(u).orElse(null));
        if (e == null || !e.academyCode().equals(academyCode)) {
            return "Établissement inconnu dans l'académie : " + uai + " (" + role + ").";
        }
        if (e.kind() != kind) {
            return uai + " n'est pas un " + (kind == EstablishmentKind.LYCEE ? "lycée" : "collège") + " (" + role + ").";
        }
        return null;
    }

    private static String value(CSVRecord r, String column) {
        String v = r.isMapped(column) && r.isSet(column) ? r.get(column) : null;
        if (v == null) {
            for (Map.Entry<String, String> e : r.toMap().entrySet()) {
                if (e.getKey() != null && e.getKey().strip().equalsIgnoreCase(column)) {
                    v = e.getValue();
                }
            }
        }
        return v == null ? "" : v.strip();
    }

    /** UTF-8, with or without BOM; anything else is refused whole (a file saved in Latin-1 would corrupt names). */
    static String decode(byte[] content) {
        if (content == null || content.length == 0) {
            throw new EnrolmentRefused("Le fichier est vide : rien n'a été importé.");
        }
        int start = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(content, start, content.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new EnrolmentRefused("Le fichier n'est pas encodé en UTF-8 : enregistrez-le en « CSV UTF-8 » puis déposez-le à nouveau. "
                    + "Rien n'a été importé.");
        }
    }

}
