package fr.adminteleservices.rollover;

import fr.adminteleservices.establishment.ChangeLog;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import fr.adminteleservices.opening.ServiceOpening;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the rollover process does: propose the new year's dates, then switch to it. */
@Service
public class RolloverService {

    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final EstablishmentService establishments;
    private final ServiceOpening opening;
    private final ChangeLog changes;

    RolloverService(EstablishmentService establishments, ServiceOpening opening, ChangeLog changes) {
        this.establishments = establishments;
        this.opening = opening;
        this.changes = changes;
    }

    /** The current year's dates moved one year on: the administrator corrects them in the task. */
    public SchoolYear proposal(String academyCode) {
        SchoolYear current = establishments.currentSchoolYear(academyCode)
                .orElseThrow(() -> new RolloverRefused("L'académie n'a pas d'année scolaire en cours."));
        return new SchoolYear(academyCode, current.startYear() + 1, current.startsOn().plusYears(1),
                current.endsOn().plusYears(1), false);
    }

    /**
     * O4: the new school year becomes current; every service of every establishment is closed, then the
     * services the académie made mandatory open again at once where they are offered (§1.3).
     */
    @Transactional
    public Result apply(String academyCode, LocalDate startsOn, LocalDate endsOn, String by) {
        SchoolYear next = check(academyCode, startsOn, endsOn);
        establishments.startSchoolYear(next);
        int closed = opening.closeAll(academyCode, by);
        int reopened = opening.openMandatory(academyCode, by);
        changes.academy(academyCode, by, "Bascule", "Année scolaire " + next.label() + " du " + FRENCH_DATE.format(startsOn)
                + " au " + FRENCH_DATE.format(endsOn) + " ; " + closed + " téléservice(s) fermé(s) dans les établissements"
                + (reopened > 0 ? ", " + reopened + " téléservice(s) obligatoire(s) rouvert(s) aussitôt." : "."));
        return new Result(next, closed, reopened);
    }

    /**
     * The new school year these dates make, or {@link RolloverRefused} with the reason. Outside any
     * transaction, so that a refusal does not mark the process engine's transaction for rollback.
     */
    public SchoolYear check(String academyCode, LocalDate startsOn, LocalDate endsOn) {
        SchoolYear current = establishments.currentSchoolYear(academyCode)
                .orElseThrow(() -> new RolloverRefused("L'académie n'a pas d'année scolaire en cours."));
        if (startsOn == null || endsOn == null) {
            throw new RolloverRefused("Les dates de début et de fin de la nouvelle année scolaire sont obligatoires.");
        }
        if (!endsOn.isAfter(startsOn) || startsOn.plusMonths(13).isBefore(endsOn)) {
            throw new RolloverRefused("La fin de l'année scolaire doit suivre son début, moins de 13 mois après.");
        }
        if (!startsOn.isAfter(current.endsOn().minusMonths(2))) {
            throw new RolloverRefused("La nouvelle année scolaire doit commencer après l'année en cours ("
                    + current.label() + ", jusqu'au " + FRENCH_DATE.format(current.endsOn()) + ").");
        }
        int startYear = startsOn.getMonthValue() >= 7 ? startsOn.getYear() : startsOn.getYear() - 1;
        return new SchoolYear(academyCode, startYear, startsOn, endsOn, true);
    }

    public record Result(SchoolYear schoolYear, int servicesClosed, int mandatoryReopened) {
    }
}
