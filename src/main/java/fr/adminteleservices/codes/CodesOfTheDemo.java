package fr.adminteleservices.codes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * For the demo only: a real school's codes work from the day after their creation (R2), so a newcomer trying a
 * demo letter's code on the day the demo starts would be told to come back tomorrow. The demo's codes are made
 * as if created the day before, the one case where a code's first day is not the day after its creation.
 */
@Component
public class CodesOfTheDemo {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final CodeMapper mapper;
    private final Clock clock;

    CodesOfTheDemo(CodeMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The establishment's valid codes that are not usable yet become usable today; returns how many. */
    @Transactional
    public int usableToday(String uai) {
        Instant yesterday = clock.instant().minus(Duration.ofDays(1));
        LocalDate today = LocalDate.now(clock.withZone(PARIS));
        return mapper.backdateGuardianCodes(uai, yesterday, today) + mapper.backdateStudentCodes(uai, yesterday, today);
    }
}
