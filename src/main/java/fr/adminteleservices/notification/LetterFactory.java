package fr.adminteleservices.notification;

import fr.adminteleservices.catalogue.Catalogue;
import fr.adminteleservices.catalogue.Ent;
import fr.adminteleservices.codes.CodeValues;
import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import fr.adminteleservices.notification.letters.Letter;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.opening.ServiceState;
import fr.adminteleservices.settings.LetterType;
import fr.adminteleservices.settings.Settings;
import fr.adminteleservices.settings.SettingsService;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Turns the rows of a notification into {@link Letter}s: what is common to the establishment's
 * letters ({@link Context}: sender, URL and services per the letter type, S2) is resolved once per
 * job, the rest per letter.
 */
@Component
class LetterFactory {

    static final String ENT_SERVICE = "Espace numérique de travail";

    private final EstablishmentService establishments;
    private final SettingsService settings;
    private final ServiceOpening opening;
    private final Catalogue catalogue;
    private final CodeValues codes;
    private final Clock clock;

    LetterFactory(EstablishmentService establishments, SettingsService settings, ServiceOpening opening, Catalogue catalogue,
                  CodeValues codes, Clock clock) {
        this.establishments = establishments;
        this.settings = settings;
        this.opening = opening;
        this.catalogue = catalogue;
        this.codes = codes;
        this.clock = clock;
    }

    /**
     * What every letter of the establishment shares. The letter type is the one in force when the
     * codes start working (tomorrow, R2), which is what parents will find when they connect.
     * Refused (409) when no service is open: the letter's list would be empty (§4.2).
     */
    Context context(String uai) {
        Establishment e = establishments.get(uai);
        List<String> open = opening.openServices(uai).stream().map(ServiceState::label).toList();
        if (open.isEmpty()) {
            throw new NotificationRefused(HttpStatus.CONFLICT, "Aucun téléservice n'est ouvert dans l'établissement : la liste "
                    + "des téléservices du courrier de notification serait vide. Ouvrez au moins un téléservice (« Ouverture / "
                    + "fermeture ») avant de notifier.");
        }
        LocalDate today = LocalDate.now(clock);
        Settings s = settings.inForce(uai, today.plusDays(1));
        Ent ent = s.entId() == null ? null : catalogue.ent(e.academyCode(), s.entId()).orElse(null);
        String teleservicesUrl = catalogue.teleservicesUrl(e.academyCode());
        String entLabel = ent == null ? ENT_SERVICE : ENT_SERVICE + " (" + ent.name() + ")";
        LetterType type = s.letterType() == null ? LetterType.TELESERVICES : s.letterType();
        String url;
        List<String> services;
        switch (type) {
            case MIXED -> {
                url = teleservicesUrl;
                services = Stream.concat(open.stream(), Stream.of(entLabel)).toList();
            }
            case ENT_ONLY -> {
                url = ent == null ? teleservicesUrl : ent.url();
                services = List.of(entLabel);
            }
            default -> {
                url = teleservicesUrl;
                services = open;
            }
        }
        LocalDate yearStart = establishments.currentSchoolYear(e.academyCode()).map(SchoolYear::startsOn)
                .orElse(LocalDate.of(today.getMonthValue() >= 8 ? today.getYear() : today.getYear() - 1, 9, 1));
        Letter.Sender sender = new Letter.Sender(e.name(), addressLines(e), e.headName());
        return new Context(uai, e.name(), sender, url == null ? "" : url, services, yearStart, today);
    }

    Letter guardianLetter(Context c, NotificationMapper.LetterRow r) {
        Letter.Variant variant = Letter.Variant.valueOf(r.variant());
        List<String> lines = new ArrayList<>();
        lines.add(join(civility(r.civility()), upper(r.guardianLastName()), r.guardianFirstName()));
        Stream.of(r.addressLine1(), r.addressLine2(), r.addressLine3(), r.addressLine4()).filter(LetterFactory::present).forEach(lines::add);
        String town = join(r.postalCode(), r.city());
        if (!town.isEmpty()) {
            lines.add(town);
        }
        if (present(r.country()) && !r.country().strip().equalsIgnoreCase("FRANCE")) {
            lines.add(r.country().strip().toUpperCase(Locale.FRENCH));
        }
        return new Letter(Letter.Holder.GUARDIAN, variant, c.today(), c.sender(), new Letter.Addressee(salutation(r.civility()), lines),
                studentName(r), r.division(), code(variant, r), usableFrom(c, r), c.url(), c.services(),
                c.uai() + " / élève " + r.eleveId() + " / responsable " + r.personneId());
    }

    Letter studentLetter(Context c, NotificationMapper.LetterRow r) {
        Letter.Variant variant = Letter.Variant.valueOf(r.variant());
        List<String> lines = new ArrayList<>();
        lines.add(studentName(r));
        if (present(r.division())) {
            lines.add("Élève de " + r.division());
        }
        lines.add(c.establishmentName());
        return new Letter(Letter.Holder.STUDENT, variant, c.today(), c.sender(), new Letter.Addressee("Bonjour " + r.studentFirstName(), lines),
                studentName(r), r.division(), code(variant, r), usableFrom(c, r), c.url(), c.services(), null);
    }

    private String code(Letter.Variant variant, NotificationMapper.LetterRow r) {
        // the continuity letter never carries the code (§4.4): it is not even decrypted
        return variant == Letter.Variant.CONTINUITY ? null : codes.forLetter(r.encryptedValue());
    }

    /** "dès le": the code works from its first day (R2); a code already working works from today. */
    private static LocalDate usableFrom(Context c, NotificationMapper.LetterRow r) {
        return r.validFrom() == null || r.validFrom().isBefore(c.today()) ? c.today() : r.validFrom();
    }

    private static String studentName(NotificationMapper.LetterRow r) {
        return join(r.studentFirstName(), upper(r.studentLastName()));
    }

    static String salutation(String civility) {
        String c = civility == null ? "" : civility.strip().toUpperCase(Locale.ROOT).replace(".", "");
        return switch (c) {
            case "M", "MR", "MONSIEUR" -> "Monsieur";
            case "MME", "MLLE", "MADAME", "MADEMOISELLE" -> "Madame";
            default -> "Madame, Monsieur";
        };
    }

    private static String civility(String civility) {
        return switch (salutation(civility)) {
            case "Monsieur" -> "M.";
            case "Madame" -> "Mme";
            default -> "";
        };
    }

    private static List<String> addressLines(Establishment e) {
        List<String> lines = new ArrayList<>();
        Stream.of(e.addressLine1(), e.addressLine2()).filter(LetterFactory::present).forEach(lines::add);
        String town = join(e.postalCode(), e.city());
        if (!town.isEmpty()) {
            lines.add(town);
        }
        return lines;
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.FRENCH);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static String join(String... parts) {
        return String.join(" ", Stream.of(parts).filter(LetterFactory::present).map(String::strip).toList());
    }

    /** What the letters of one establishment share; {@code schoolYearStart} serves the rule letter-variant. */
    record Context(String uai, String establishmentName, Letter.Sender sender, String url, List<String> services,
                   LocalDate schoolYearStart, LocalDate today) {
    }
}
