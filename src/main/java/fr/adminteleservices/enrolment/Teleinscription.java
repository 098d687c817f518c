package fr.adminteleservices.enrolment;

import fr.adminteleservices.catalogue.NationalService;
import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentKind;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import fr.adminteleservices.platform.FrenchOrder;
import fr.adminteleservices.opening.ServiceOpening;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The téléinscription as the académie and the heads see it: the window (I1), who takes part, the lycée's
 * options (I2) and completed enrolments, the collège's follow-up (I3), each read when asked.
 */
@Service
public class Teleinscription {

    /** The catalogue's code of the service an establishment opens for the téléinscription. */
    public static final String SERVICE = NationalService.TELEINSCRIPTION.name();

    private final EnrolmentMapper mapper;
    private final EstablishmentService establishments;
    private final ServiceOpening opening;
    private final Clock clock;

    Teleinscription(EnrolmentMapper mapper, EstablishmentService establishments, ServiceOpening opening, Clock clock) {
        this.mapper = mapper;
        this.establishments = establishments;
        this.opening = opening;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ I1 and the participants

    /** The window of the académie's current school year. */
    public EnrolmentWindow window(String academyCode) {
        SchoolYear year = currentYear(academyCode);
        return EnrolmentWindow.of(year.startYear(), mapper.findResultsPublishedOn(academyCode, year.startYear()), year.endsOn(),
                LocalDate.now(clock));
    }

    SchoolYear currentYear(String academyCode) {
        return establishments.currentSchoolYear(academyCode)
                .orElseThrow(() -> new EnrolmentRefused("L'académie n'a pas d'année scolaire en cours."));
    }

    public Set<String> participants(String academyCode) {
        return new TreeSet<>(mapper.findParticipants(academyCode));
    }

    public boolean takesPart(String uai) {
        return mapper.isParticipant(uai);
    }

    /**
     * Sets the day the assignment results are published for the current school year and the
     * establishments taking part (any other of the académie stops taking part).
     */
    @Transactional
    public void configure(String academyCode, LocalDate resultsPublishedOn, Collection<String> participants, String by) {
        SchoolYear year = currentYear(academyCode);
        if (resultsPublishedOn == null) {
            throw new EnrolmentRefused("Indiquez la date de publication des résultats de l'affectation.");
        }
        if (resultsPublishedOn.isBefore(year.startsOn()) || resultsPublishedOn.isAfter(year.endsOn())) {
            throw new EnrolmentRefused("La date de publication des résultats de l'affectation doit être dans l'année scolaire "
                    + year.label() + " (du " + french(year.startsOn()) + " au " + french(year.endsOn()) + ").");
        }
        Set<String> ofAcademy = new TreeSet<>();
        for (String uai : participants) {
            Establishment e = establishments.find(uai).filter(x -> x.academyCode().equals(academyCode))
                    .orElseThrow(() -> new EnrolmentRefused("Établissement inconnu dans l'académie : " + uai + "."));
            ofAcademy.add(e.uai());
        }
        mapper.deleteWindow(academyCode, year.startYear());
        mapper.insertWindow(academyCode, year.startYear(), resultsPublishedOn, clock.instant(), by);
        mapper.deleteParticipants(academyCode);
        ofAcademy.forEach(uai -> mapper.insertParticipant(uai, clock.instant(), by));
    }

    static String french(LocalDate day) {
        return day.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    }

    public long assignmentCount(String academyCode) {
        return mapper.countAssignments(academyCode, currentYear(academyCode).startYear());
    }

    // ------------------------------------------------------------------ I2: the lycée's options

    /** The options of every MEF of seconde GT of the lycée, from its Nomenclature (as last imported). */
    public LyceeProfile profile(String lyceeUai) {
        return LyceeProfile.of(lyceeUai, mapper.findProfileRows(lyceeUai, LyceeProfile.SECONDE_GT_PREFIX));
    }

    /** A completed enrolment as the lycée sees it: the student, the collège, the MEF and the options chosen. */
    public record CompletedEnrolment(EnrolmentMapper.FollowUpRow enrolment, List<EnrolmentMapper.ChoiceRow> choices) {
        public String choicesText() {
            return String.join(", ", choices.stream().map(EnrolmentMapper.ChoiceRow::label).toList());
        }
    }

    /** « Bédier » before « Boucher » on H2 as on MariaDB; the sort is stable, SQL's order stays among equal names. */
    private static final java.util.Comparator<EnrolmentMapper.FollowUpRow> FRENCH_ORDER =
            FrenchOrder.byName(EnrolmentMapper.FollowUpRow::lastName, EnrolmentMapper.FollowUpRow::firstName);

    public List<CompletedEnrolment> completed(String lyceeUai) {
        int year = currentYear(establishments.get(lyceeUai).academyCode()).startYear();
        Map<Long, List<EnrolmentMapper.ChoiceRow>> choices = new LinkedHashMap<>();
        mapper.findChoicesOfLycee(lyceeUai, year).forEach(c -> choices.computeIfAbsent(c.assignmentId(), k -> new ArrayList<>()).add(c));
        return mapper.findCompleted(lyceeUai, year).stream().sorted(FRENCH_ORDER)
                .map(r -> new CompletedEnrolment(r, choices.getOrDefault(r.id(), List.of()))).toList();
    }

    // ------------------------------------------------------------------ I3: the collège's follow-up

    /** The collège's students assigned to a participating lycée, with their state, and the counts per state. */
    public record FollowUp(List<EnrolmentMapper.FollowUpRow> students, Map<EnrolmentState, Long> counts) {
        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        public long count(String state) {
            return counts.getOrDefault(EnrolmentState.valueOf(state), 0L);
        }
    }

    public FollowUp followUp(String collegeUai) {
        int year = currentYear(establishments.get(collegeUai).academyCode()).startYear();
        Map<EnrolmentState, Long> counts = new EnumMap<>(EnrolmentState.class);
        for (EnrolmentState s : EnrolmentState.values()) {
            counts.put(s, 0L);
        }
        mapper.countByState(collegeUai, year).forEach(c -> counts.put(EnrolmentState.valueOf(c.state()), c.count()));
        return new FollowUp(mapper.findFollowUp(collegeUai, year).stream().sorted(FRENCH_ORDER).toList(), counts);
    }

    /**
     * What the establishment's Téléinscription menu shows. {@code serviceOpen}: the establishment opened the
     * service « Téléinscription » (« Ouverture / fermeture », as its home page shows it); without it, nothing
     * runs there, whatever the académie's window.
     */
    public record EstablishmentView(Establishment establishment, EnrolmentWindow window, boolean takesPart, boolean serviceOpen,
                                    LyceeProfile profile, List<CompletedEnrolment> completed, FollowUp followUp) {
        public boolean lycee() {
            return establishment.kind() == EstablishmentKind.LYCEE;
        }

        /** Whether families enrol now through this establishment: the académie's window and the establishment's service. */
        public boolean open() {
            return window.open() && serviceOpen;
        }

        /** What the menu says: the service's state first, then the académie's window. */
        public String message() {
            if (!serviceOpen) {
                return "La téléinscription n'est pas ouverte dans l'établissement : le téléservice « Téléinscription » y est "
                        + "fermé (menu « Ouverture / fermeture »). " + window.message();
            }
            return window.message();
        }
    }

    public EstablishmentView view(String uai) {
        Establishment e = establishments.get(uai);
        EnrolmentWindow window = window(e.academyCode());
        boolean takesPart = takesPart(uai);
        boolean serviceOpen = opening.isOpen(uai, SERVICE);
        if (!takesPart || !window.open() || !serviceOpen) {
            return new EstablishmentView(e, window, takesPart, serviceOpen, null, List.of(), null);
        }
        if (e.kind() == EstablishmentKind.LYCEE) {
            return new EstablishmentView(e, window, true, true, profile(uai), completed(uai), null);
        }
        return new EstablishmentView(e, window, true, true, null, List.of(), followUp(uai));
    }
}
