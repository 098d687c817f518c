package fr.adminteleservices.notification;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.notification.letters.Letter;
import fr.adminteleservices.platform.FrenchOrder;
import fr.adminteleservices.platform.RuleBook;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Who a notification would reach (C2, E2): the lists of the screens, the frozen population of a request, and the
 * confirmation the guide asks before a mass notification starts (§4.2, §5.1), decided by the same rules as the job.
 */
@Service
public class NotificationPreviews {

    private final NotificationMapper mapper;
    private final EstablishmentService establishments;
    private final LetterFactory letters;
    private final NotificationDecisions decisions;
    private final RuleBook rules;
    private final Clock clock;

    NotificationPreviews(NotificationMapper mapper, EstablishmentService establishments, LetterFactory letters,
                         NotificationDecisions decisions, RuleBook rules, Clock clock) {
        this.mapper = mapper;
        this.establishments = establishments;
        this.letters = letters;
        this.decisions = decisions;
        this.rules = rules;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ lists of the screens

    /** The couples a notification with these filters would consider (valid CARs only). */
    public List<NotifiableCouple> guardianCandidates(String uai, boolean onlyNotNotified, String division, String mef) {
        establishments.get(uai);
        return couplesInFrenchOrder(mapper.findGuardianCandidates(uai, selection(onlyNotNotified, division, mef, null, null)));
    }

    public List<NotifiableStudent> studentCandidates(String uai, boolean onlyNotNotified, String division, String mef) {
        establishments.get(uai);
        return studentsInFrenchOrder(mapper.findStudentCandidates(uai, selection(onlyNotNotified, division, mef, null, null)));
    }

    /** One couple whose CAR is valid, if it has one. */
    Optional<NotifiableCouple> couple(String uai, long linkId) {
        return mapper.findGuardianCandidates(uai, selection(false, null, null, List.of(linkId), null)).stream().findFirst();
    }

    /** One student whose CAE is valid, if they have one. */
    Optional<NotifiableStudent> student(String uai, long studentId) {
        return mapper.findStudentCandidates(uai, selection(false, null, null, null, List.of(studentId))).stream().findFirst();
    }

    /** Lists and letters in French order (« Bédier » before « Boucher »), whatever the database's collation. */
    private static List<NotifiableCouple> couplesInFrenchOrder(List<NotifiableCouple> rows) {
        List<NotifiableCouple> sorted = new ArrayList<>(rows);
        sorted.sort(FrenchOrder.byDivisionThenName(NotifiableCouple::division, NotifiableCouple::studentLastName,
                NotifiableCouple::studentFirstName));
        return sorted;
    }

    private static List<NotifiableStudent> studentsInFrenchOrder(List<NotifiableStudent> rows) {
        List<NotifiableStudent> sorted = new ArrayList<>(rows);
        sorted.sort(FrenchOrder.byDivisionThenName(NotifiableStudent::division, NotifiableStudent::lastName, NotifiableStudent::firstName));
        return sorted;
    }

    // ------------------------------------------------------------------ confirmations

    /**
     * What a mass notification of guardians would do, for the confirmation the guide asks before it
     * starts (§4.2): the couples, the channels, and how many by e-mail, on paper, not at all (no e-mail
     * address with « courrier électronique » alone), as the rule notification-channel decides today.
     * Refused (with the reason) exactly when {@link Notifications#notifyGuardians} would be.
     */
    public GuardianPreview previewGuardians(String uai, Set<Channel> channels, boolean onlyNotNotified, String division, String mef) {
        List<NotifiableCouple> population = guardianPopulation(uai, channels, onlyNotNotified, division, mef);
        boolean email = channels.contains(Channel.EMAIL);
        boolean paper = channels.contains(Channel.PAPER);
        List<ChannelChoice> choices = population.stream()
                .map(c -> new ChannelChoice(Letter.Holder.GUARDIAN, email, paper, c.hasEmail())).toList();
        rules.session("notification-channel").execute(choices);
        int byEmail = (int) choices.stream().filter(c -> c.getChannel() == Channel.EMAIL).count();
        int onPaper = (int) choices.stream().filter(c -> c.getChannel() == Channel.PAPER).count();
        Set<Channel> asked = EnumSet.noneOf(Channel.class);
        asked.addAll(channels);
        asked.remove(Channel.NONE);
        return new GuardianPreview(population.size(), asked, byEmail, onPaper, population.size() - byEmail - onPaper);
    }

    /** The confirmation of a mass notification of guardians: how many couples, which channels, what each gets. */
    public record GuardianPreview(int couples, Set<Channel> channels, int byEmail, int onPaper, int notNotified) {
    }

    /**
     * What a mass notification of students would do (§5.1): the students, the letters printed, and the
     * minors held back (G8) or students whose access was removed, with the reason.
     */
    public StudentPreview previewStudents(String uai, boolean onlyNotNotified, String division, String mef) {
        List<NotifiableStudent> population = studentPopulation(uai, onlyNotNotified, division, mef);
        List<NotificationDecisions.HeldBack> held = decisions.heldBack(population);
        return new StudentPreview(population.size(), population.size() - held.size(), held);
    }

    /** The confirmation of a mass notification of students: how many, how many letters, who is held back and why. */
    public record StudentPreview(int students, int letters, List<NotificationDecisions.HeldBack> heldBack) {
    }

    // ------------------------------------------------------------------ populations of a request

    List<NotifiableCouple> guardianPopulation(String uai, Set<Channel> channels, boolean onlyNotNotified, String division, String mef) {
        establishments.get(uai);
        boolean email = channels != null && channels.contains(Channel.EMAIL);
        boolean paper = channels != null && channels.contains(Channel.PAPER);
        if (!email && !paper) {
            throw new NotificationRefused(HttpStatus.BAD_REQUEST, "Choisissez le mode de transmission : courrier électronique, "
                    + "document papier, ou les deux.");
        }
        letters.context(uai);
        return population(
                couplesInFrenchOrder(mapper.findGuardianCandidates(uai, selection(false, division, mef, null, null))), onlyNotNotified,
                NotifiableCouple::notifiedOn, "Aucun couple élève / responsable n'existe pour cette sélection.");
    }

    List<NotifiableStudent> studentPopulation(String uai, boolean onlyNotNotified, String division, String mef) {
        establishments.get(uai);
        letters.context(uai);
        return population(
                studentsInFrenchOrder(mapper.findStudentCandidates(uai, selection(false, division, mef, null, null))), onlyNotNotified,
                NotifiableStudent::notifiedOn, "Aucun élève n'existe pour cette sélection.");
    }

    private static <T> List<T> population(List<T> all, boolean onlyNotNotified, Function<T, LocalDate> notifiedOn, String emptyMessage) {
        if (all.isEmpty()) {
            throw new NotificationRefused(HttpStatus.CONFLICT, emptyMessage);
        }
        if (!onlyNotNotified) {
            return all;
        }
        List<T> notNotified = all.stream().filter(c -> notifiedOn.apply(c) == null).toList();
        if (notNotified.isEmpty()) {
            throw new NotificationRefused(HttpStatus.CONFLICT, "Toute la population sélectionnée a déjà été notifiée. Pour notifier "
                    + "à nouveau, choisissez « Tous » au lieu de « Non notifiés uniquement ».");
        }
        return notNotified;
    }

    private NotificationMapper.Selection selection(boolean onlyNotNotified, String division, String mef, Collection<Long> linkIds,
                                                   Collection<Long> studentIds) {
        return new NotificationMapper.Selection(onlyNotNotified, blankToNull(division), blankToNull(mef), linkIds, studentIds,
                LocalDate.now(clock));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
