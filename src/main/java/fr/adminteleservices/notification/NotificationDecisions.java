package fr.adminteleservices.notification;

import fr.adminteleservices.codes.CodeKind;
import fr.adminteleservices.notification.letters.Letter;
import fr.adminteleservices.platform.RuleBook;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The step « Décider du mode et du courrier » of {@code processes/code-notification.bpmn}: each item of a job gets
 * its channel (rule notification-channel, D2), its letter (letter-variant, D3) and, for a student, the leave of
 * cae-ordering (D4), by chunks. The rules say why; this class only gathers their facts and records what they decided.
 */
@Component
public class NotificationDecisions {

    /** Items decided per transaction. */
    static final int CHUNK = 200;
    static final String INVALIDATED = "Le code a été invalidé depuis la demande de notification.";

    private final NotificationMapper mapper;
    private final LetterFactory letters;
    private final NotificationEmails emails;
    private final RuleBook rules;
    private final Clock clock;

    NotificationDecisions(NotificationMapper mapper, LetterFactory letters, NotificationEmails emails, RuleBook rules, Clock clock) {
        this.mapper = mapper;
        this.letters = letters;
        this.emails = emails;
        this.rules = rules;
        this.clock = clock;
    }

    /** One chunk of the job: returns how many items remain undecided. */
    int decideNext(String jobId) {
        NotificationMapper.JobRow job = mapper.findJob(jobId);
        decide(job, letters.context(job.uai()));
        return mapper.countItemsToDecide(jobId);
    }

    void decide(NotificationMapper.JobRow job, LetterFactory.Context context) {
        if (job.kind() == CodeKind.CAE) {
            decideStudents(job, context);
        } else {
            decideGuardians(job, context, false);
        }
    }

    /**
     * The next chunk of a guardians' job. {@code oneCouple}: C3's « Notifier code », where the head chose one
     * channel for one couple (the rule then speaks of that choice).
     */
    void decideGuardians(NotificationMapper.JobRow job, LetterFactory.Context context, boolean oneCouple) {
        List<NotificationMapper.GuardianItem> items = mapper.findGuardianItemsToDecide(job.id(), CHUNK);
        if (items.isEmpty()) {
            return;
        }
        List<ChannelChoice> channels = new ArrayList<>();
        List<LetterVariantChoice> variants = new ArrayList<>();
        for (NotificationMapper.GuardianItem i : items) {
            channels.add(new ChannelChoice(Letter.Holder.GUARDIAN, job.emailRequested(), job.paperRequested(),
                    ChannelChoice.hasEmail(i.email()), oneCouple));
            variants.add(new LetterVariantChoice(i.continuityOn(), context.schoolYearStart(), i.continuitySent(), false));
        }
        rules.session("notification-channel").execute(channels);
        rules.session("letter-variant").execute(variants);
        Outcomes outcomes = new Outcomes();
        List<NotificationMapper.GuardianItem> emailed = new ArrayList<>();
        for (int k = 0; k < items.size(); k++) {
            NotificationMapper.GuardianItem item = items.get(k);
            ChannelChoice channel = channels.get(k);
            Letter.Variant variant = variants.get(k).getVariant();
            if (!item.codeValid()) {
                outcomes.add(item.id(), Channel.NONE, null, INVALIDATED);
            } else if (channel.getChannel() == Channel.NONE) {
                outcomes.add(item.id(), Channel.NONE, null, channel.getReason());
            } else {
                outcomes.add(item.id(), channel.getChannel(), variant, channel.getReason());
                if (channel.getChannel() == Channel.EMAIL) {
                    emailed.add(item);
                }
            }
        }
        outcomes.record(mapper);
        // after the decisions: an e-mail already pending for the code fails its (decided) item
        emailed.forEach(item -> emails.queue(job.id(), item, context));
    }

    void decideStudents(NotificationMapper.JobRow job, LetterFactory.Context context) {
        List<NotificationMapper.StudentItem> items = mapper.findStudentItemsToDecide(job.id(), CHUNK);
        if (items.isEmpty()) {
            return;
        }
        List<CaeOrderingCheck> orderings = caeOrdering(items.stream().map(NotificationMapper.StudentItem::studentId).toList(),
                items.stream().map(NotificationMapper.StudentItem::birthDate).toList(),
                items.stream().map(NotificationMapper.StudentItem::refused).toList(), context.today());
        List<LetterVariantChoice> variants = new ArrayList<>();
        for (NotificationMapper.StudentItem i : items) {
            variants.add(new LetterVariantChoice(i.continuityOn(), context.schoolYearStart(), i.continuitySent(), false));
        }
        rules.session("letter-variant").execute(variants);
        Outcomes outcomes = new Outcomes();
        for (int k = 0; k < items.size(); k++) {
            NotificationMapper.StudentItem item = items.get(k);
            CaeOrderingCheck ordering = orderings.get(k);
            if (!item.codeValid()) {
                outcomes.add(item.id(), Channel.NONE, null, INVALIDATED);
            } else if (!ordering.isAllowed()) {
                outcomes.add(item.id(), Channel.NONE, null, ordering.getReason());
            } else {
                outcomes.add(item.id(), Channel.PAPER, variants.get(k).getVariant(), ordering.getReason());
            }
        }
        outcomes.record(mapper);
    }

    /** The decisions of a chunk, grouped by outcome: one statement per outcome rather than one per item. */
    private static final class Outcomes {
        private record Outcome(Channel channel, Letter.Variant variant, String reason) {
        }

        private final Map<Outcome, List<Long>> items = new LinkedHashMap<>();

        /** Channel NONE: the item is skipped, with the reason. */
        void add(long itemId, Channel channel, Letter.Variant variant, String reason) {
            items.computeIfAbsent(new Outcome(channel, variant, reason), k -> new ArrayList<>()).add(itemId);
        }

        void record(NotificationMapper mapper) {
            items.forEach((o, ids) -> {
                if (o.channel() == Channel.NONE) {
                    mapper.skipItems(ids, o.reason());
                } else {
                    mapper.decideItems(ids, o.channel(), o.variant(), o.reason());
                }
            });
        }
    }

    /**
     * E2 before « Notifier »: the students of this list that a notification started now would hold back,
     * with the reason (access removed, or G8: rule cae-ordering), in the list's order.
     */
    public List<HeldBack> heldBack(List<NotifiableStudent> students) {
        List<HeldBack> held = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        for (int from = 0; from < students.size(); from += CHUNK) {
            List<NotifiableStudent> chunk = students.subList(from, Math.min(from + CHUNK, students.size()));
            List<CaeOrderingCheck> orderings = caeOrdering(chunk.stream().map(NotifiableStudent::studentId).toList(),
                    chunk.stream().map(NotifiableStudent::birthDate).toList(), chunk.stream().map(NotifiableStudent::refused).toList(),
                    today);
            for (int k = 0; k < chunk.size(); k++) {
                NotifiableStudent st = chunk.get(k);
                if (!orderings.get(k).isAllowed()) {
                    held.add(new HeldBack(st.studentId(), st.eleveId(), st.lastName(), st.firstName(), st.division(),
                            orderings.get(k).getReason()));
                }
            }
        }
        return held;
    }

    /** A student a mass notification would hold back, and why. */
    public record HeldBack(long studentId, String eleveId, String lastName, String firstName, String division, String reason) {
    }

    /** D4 for these students (same order), from their removed access and the state of their legal guardians 1 and 2. */
    private List<CaeOrderingCheck> caeOrdering(List<Long> studentIds, List<LocalDate> birthDates, List<Boolean> accessRemoved,
                                               LocalDate today) {
        Map<Long, List<GuardianNotice>> guardians = new LinkedHashMap<>();
        for (NotificationMapper.GuardianState g : mapper.findLegalGuardians(studentIds)) {
            guardians.computeIfAbsent(g.studentId(), k -> new ArrayList<>())
                    .add(new GuardianNotice(guardianName(g), g.validCar(), g.refused(), g.notified()));
        }
        List<CaeOrderingCheck> orderings = new ArrayList<>(studentIds.size());
        for (int k = 0; k < studentIds.size(); k++) {
            orderings.add(new CaeOrderingCheck(birthDates.get(k), today, guardians.getOrDefault(studentIds.get(k), List.of()),
                    accessRemoved.get(k)));
        }
        rules.session("cae-ordering").execute(orderings);
        return orderings;
    }

    /** « Mme DUPONT Anne », as the reasons of cae-ordering name a guardian. */
    private static String guardianName(NotificationMapper.GuardianState g) {
        String civility = switch (LetterFactory.salutation(g.civility())) {
            case "Monsieur" -> "M. ";
            case "Madame" -> "Mme ";
            default -> "";
        };
        return civility + (g.lastName() == null ? "" : g.lastName().toUpperCase(Locale.FRENCH))
                + (g.firstName() == null ? "" : " " + g.firstName());
    }
}
