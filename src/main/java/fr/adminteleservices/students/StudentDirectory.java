package fr.adminteleservices.students;

import fr.adminteleservices.platform.FrenchOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Students and guardians of one establishment, for screens, the API and other features. */
@Service
public class StudentDirectory {

    private final StudentMapper mapper;

    StudentDirectory(StudentMapper mapper) {
        this.mapper = mapper;
    }

    public List<StudentSummary> students(String uai, String division, String mef, boolean includeLeft) {
        // French order (« Bédier » before « Boucher »), the same on H2 and MariaDB; stable, so SQL's order breaks ties
        return mapper.students(uai, blankToNull(division), blankToNull(mef), includeLeft).stream()
                .sorted(FrenchOrder.byDivisionThenName(StudentSummary::division, StudentSummary::lastName, StudentSummary::firstName))
                .toList();
    }

    public Optional<StudentSummary> student(String uai, String eleveId) {
        return Optional.ofNullable(mapper.student(uai, eleveId));
    }

    /** Guardians by ELEVE_ID, legal 1 and 2 first. */
    public Map<String, List<GuardianView>> guardians(String uai, String division, String mef, String eleveId) {
        Map<String, List<GuardianView>> byStudent = new LinkedHashMap<>();
        for (GuardianView g : mapper.guardians(uai, blankToNull(division), blankToNull(mef), eleveId)) {
            byStudent.computeIfAbsent(g.eleveId(), k -> new java.util.ArrayList<>()).add(g);
        }
        return byStudent;
    }

    public List<StudentMapper.Option> divisions(String uai) {
        return mapper.divisions(uai);
    }

    public List<StudentMapper.Option> mefs(String uai) {
        return mapper.mefs(uai);
    }

    /** Population of every establishment of an académie, by UAI. */
    public Map<String, Population> populations(String academyCode) {
        Map<String, Population> byUai = new LinkedHashMap<>();
        mapper.populations(academyCode).forEach(p -> byUai.put(p.uai(), p.population()));
        return byUai;
    }

    public Population population(String uai) {
        return mapper.population(uai);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
