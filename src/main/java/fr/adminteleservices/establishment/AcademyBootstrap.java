package fr.adminteleservices.establishment;

import java.time.Clock;
import java.time.LocalDate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Outside the demo, the installation's académie and its current school year come from
 * configuration ({@code teleservices.academy.*}) at the first start.
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "teleservices.demo.enabled", havingValue = "false")
class AcademyBootstrap implements ApplicationRunner {

    private final EstablishmentService establishments;
    private final Clock clock;
    private final String code;
    private final String name;

    AcademyBootstrap(EstablishmentService establishments, Clock clock,
                     AcademyProperties academy) {
        this.establishments = establishments;
        this.clock = clock;
        this.code = academy.code();
        this.name = academy.name();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (establishments.defaultAcademyCode() != null) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        int startYear = today.getMonthValue() >= 8 ? today.getYear() : today.getYear() - 1;
        establishments.createAcademy(new Academy(code, name),
                new SchoolYear(code, startYear, LocalDate.of(startYear, 9, 1), LocalDate.of(startYear + 1, 7, 4), true));
    }
}
