package fr.adminteleservices.establishment;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Service;

/** The history of services, settings, catalogue and rollover changes (who, when, what). */
@Service
public class ChangeLog {

    private final ChangeLogMapper mapper;
    private final Clock clock;

    ChangeLog(ChangeLogMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Records a change of one establishment; joins the caller's transaction. */
    public void establishment(String academyCode, String uai, String by, String subject, String detail, LocalDate effectiveFrom) {
        mapper.insert(academyCode, uai, clock.instant(), by, subject, truncate(detail), effectiveFrom);
    }

    /** Records a change of the académie (catalogue, rollover). */
    public void academy(String academyCode, String by, String subject, String detail) {
        mapper.insert(academyCode, null, clock.instant(), by, subject, truncate(detail), null);
    }

    public List<Change> ofEstablishment(String uai, int limit) {
        return mapper.findByEstablishment(uai, limit);
    }

    public List<Change> ofAcademy(String academyCode, int limit) {
        return mapper.findByAcademy(academyCode, limit);
    }

    private static String truncate(String detail) {
        return detail.length() <= 2000 ? detail : detail.substring(0, 1999) + "…";
    }
}
