package fr.adminteleservices.settings;

import fr.adminteleservices.catalogue.Catalogue;
import fr.adminteleservices.catalogue.Ent;
import fr.adminteleservices.catalogue.NationalService;
import fr.adminteleservices.catalogue.WebAddress;
import fr.adminteleservices.establishment.ChangeLog;
import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import fr.adminteleservices.opening.ServiceOpening;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and changes the settings of §3.2; every change applies from the next day (R2) and is recorded. */
@Service
public class SettingsService {

    public static final int MAX_USEFUL_LINKS = 20;
    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final SettingsMapper mapper;
    private final EstablishmentService establishments;
    private final Catalogue catalogue;
    private final ServiceOpening opening;
    private final ChangeLog changes;
    private final Clock clock;

    SettingsService(SettingsMapper mapper, EstablishmentService establishments, Catalogue catalogue, ServiceOpening opening,
                    ChangeLog changes, Clock clock) {
        this.mapper = mapper;
        this.establishments = establishments;
        this.catalogue = catalogue;
        this.opening = opening;
        this.changes = changes;
        this.clock = clock;
    }

    /** The settings as the head last edited them (they may apply only from tomorrow). */
    public Settings latest(String uai) {
        establishments.get(uai);
        return toSettings(uai, mapper.findLatest(uai));
    }

    /** The settings in force on that day: what the replication copies. */
    public Settings inForce(String uai, LocalDate day) {
        establishments.get(uai);
        return toSettings(uai, mapper.findInForce(uai, day));
    }

    /** The day from which a change made now applies (R2). */
    public LocalDate nextEffectiveDay() {
        return LocalDate.now(clock).plusDays(1);
    }

    /** The divisions of the establishment with their MEF, for due dates. */
    public List<DueDate> divisions(String uai) {
        return mapper.findDivisions(uai);
    }

    /** The establishment's MEF labels by MEF code: people read « 6EME », not « 10010012110 ». */
    public Map<String, String> mefLabels(String uai) {
        Map<String, String> labels = new LinkedHashMap<>();
        mapper.findMefLabels(uai).forEach(m -> labels.put(m.code(), m.label()));
        return labels;
    }

    /**
     * Applies a (partial) change from tomorrow. Throws {@link InvalidSettings} (400) or
     * {@link SettingsConflict} (409); in both cases nothing is changed.
     */
    @Transactional
    public Settings update(String uai, SettingsUpdate change, String by) {
        Establishment e = establishments.get(uai);
        Settings current = latest(uai);
        Draft next = new Draft(current);
        applyWelcomeMessage(change, current, next);
        applyLetter(e, change, current, next);
        applyContact(e, change, current, next);
        applyUsefulLinks(change, current, next);
        applyNotes(e, change, current, next);
        applyLpcDelay(uai, change, current, next);
        if (!next.errors.isEmpty()) {
            throw new InvalidSettings(next.errors);
        }
        if (next.described.isEmpty()) {
            return current;
        }
        save(e, next, by);
        return latest(uai);
    }

    /**
     * The version being built from the latest one: each section of the screen applies its part of the change to it,
     * puts its errors (by field) and says what it changed, for the history.
     */
    private static final class Draft {
        final Map<String, String> errors = new LinkedHashMap<>();
        final List<String> described = new ArrayList<>();
        String welcome;
        LetterType letterType;
        Long entId;
        String contactEmail;
        boolean contactActive;
        List<UsefulLink> links;
        NotesPublication notes;
        int lpcDelay;

        Draft(Settings current) {
            welcome = current.welcomeMessage();
            letterType = current.letterType();
            entId = current.entId();
            contactEmail = current.contactEmail();
            contactActive = current.contactActive();
            links = current.usefulLinks();
            notes = current.notesPublication();
            lpcDelay = current.lpcDelayDays();
        }
    }

    private void applyWelcomeMessage(SettingsUpdate change, Settings current, Draft next) {
        if (change.welcomeMessage() == null) {
            return;
        }
        String cleaned = WelcomeMessage.clean(change.welcomeMessage());
        int length = WelcomeMessage.textLength(cleaned);
        if (length > WelcomeMessage.MAX_TEXT_LENGTH) {
            next.errors.put("welcomeMessage", "Le message d'accueil compte " + length + " caractères : 1 000 au plus.");
        } else if (cleaned.length() > WelcomeMessage.MAX_HTML_LENGTH) {
            next.errors.put("welcomeMessage", "Le message d'accueil contient trop de mise en forme ou de liens.");
        } else {
            next.welcome = cleaned.isEmpty() ? null : cleaned;
            if (!Objects.equals(next.welcome, current.welcomeMessage())) {
                String before = current.welcomeMessage() == null ? "aucun"
                        : "« " + abbreviate(org.jsoup.Jsoup.parse(current.welcomeMessage()).text()) + " »";
                next.described.add((next.welcome == null ? "Message d'accueil supprimé"
                        : "Message d'accueil : « " + abbreviate(org.jsoup.Jsoup.parse(next.welcome).text()) + " »") + was(before));
            }
        }
    }

    private void applyLetter(Establishment e, SettingsUpdate change, Settings current, Draft next) {
        boolean changed = change.letterType() != null || change.entId() != null;
        if (change.letterType() != null) {
            next.letterType = change.letterType();
        }
        if (changed) {
            next.entId = change.entId();
        }
        if (next.letterType == LetterType.TELESERVICES) {
            next.entId = null;
        } else if (changed) {
            List<Ent> ents = catalogue.ents(e.academyCode());
            if (ents.isEmpty()) {
                next.errors.put("letterType", "L'académie n'a défini aucun ENT : seul le courrier « Téléservice seul » est possible.");
            } else if (next.entId == null) {
                next.errors.put("entId", "Choisissez l'ENT de l'établissement parmi ceux de l'académie.");
            } else if (catalogue.ent(e.academyCode(), next.entId).isEmpty()) {
                next.errors.put("entId", "Cet ENT n'est pas défini par l'académie.");
            }
        }
        if (next.letterType != current.letterType() || !Objects.equals(next.entId, current.entId())) {
            next.described.add("Type de courrier : " + letterKind(e, next.letterType, next.entId)
                    + was(letterKind(e, current.letterType(), current.entId())));
        }
    }

    private void applyContact(Establishment e, SettingsUpdate change, Settings current, Draft next) {
        if (change.contactEmail() != null) {
            next.contactEmail = blankToNull(change.contactEmail());
        }
        if (change.contactActive() != null) {
            next.contactActive = change.contactActive();
        }
        if (change.contactEmail() != null || change.contactActive() != null) {
            if (e.emails().isEmpty()) {
                next.errors.put("contactEmail", "L'établissement n'a aucune adresse électronique : le lien de contact ne peut pas être choisi.");
            } else if (next.contactEmail != null && !e.emails().contains(next.contactEmail)) {
                next.errors.put("contactEmail", "Choisissez une des adresses électroniques de l'établissement.");
            } else if (next.contactActive && next.contactEmail == null) {
                next.errors.put("contactEmail", "Choisissez l'adresse qui recevra les messages avant d'activer le lien de contact.");
            }
        }
        if (!Objects.equals(next.contactEmail, current.contactEmail()) || next.contactActive != current.contactActive()) {
            next.described.add("Lien de contact : " + contact(next.contactActive, next.contactEmail)
                    + was(contact(current.contactActive(), current.contactEmail())));
        }
    }

    private void applyUsefulLinks(SettingsUpdate change, Settings current, Draft next) {
        if (change.usefulLinks() == null) {
            return;
        }
        List<UsefulLink> links = new ArrayList<>();
        if (change.usefulLinks().size() > MAX_USEFUL_LINKS) {
            next.errors.put("usefulLinks", "Au plus " + MAX_USEFUL_LINKS + " liens utiles.");
        }
        int n = 0;
        for (UsefulLink link : change.usefulLinks()) {
            n++;
            String title = link == null || link.title() == null ? "" : link.title().strip();
            String url = link == null || link.url() == null ? "" : link.url().strip();
            if (title.isEmpty() || title.length() > 200) {
                next.errors.putIfAbsent("usefulLinks", "Lien " + n + " : un titre de 1 à 200 caractères est obligatoire.");
            } else if (!WebAddress.isValid(url, 500)) {
                next.errors.putIfAbsent("usefulLinks", "Lien " + n + " (« " + title + " ») : l'adresse doit commencer par http:// ou https://.");
            }
            links.add(new UsefulLink(title, url));
        }
        next.links = links;
        if (!links.equals(current.usefulLinks())) {
            next.described.add("Liens utiles : " + titles(links) + was(titles(current.usefulLinks())));
        }
    }

    private void applyLpcDelay(String uai, SettingsUpdate change, Settings current, Draft next) {
        if (change.lpcDelayDays() == null) {
            return;
        }
        if (!opening.isOpen(uai, NationalService.LPC.name())) {
            throw new SettingsConflict("Le délai de publication du LPC ne se règle que lorsque le téléservice LPC est ouvert.", false);
        }
        if (change.lpcDelayDays() < 2 || change.lpcDelayDays() > 365) {
            next.errors.put("lpcDelayDays", "Le délai de publication du LPC va de 2 à 365 jours.");
        } else {
            next.lpcDelay = change.lpcDelayDays();
            if (next.lpcDelay != current.lpcDelayDays()) {
                next.described.add("Délai de publication LPC : " + next.lpcDelay + " jours" + was(current.lpcDelayDays() + " jours"));
            }
        }
    }

    /** Writes the draft as the version of the next effective day (replacing one saved earlier today) and the history. */
    private void save(Establishment e, Draft next, String by) {
        LocalDate from = nextEffectiveDay();
        SettingsMapper.Version version = mapper.findVersion(e.uai(), from);
        boolean isNew = version == null;
        if (isNew) {
            version = new SettingsMapper.Version();
            version.uai = e.uai();
            version.effectiveFrom = from;
        }
        version.welcomeMessage = next.welcome;
        version.letterType = next.letterType;
        version.entId = next.entId;
        version.contactEmail = next.contactEmail;
        version.contactActive = next.contactActive;
        version.notesMode = next.notes.mode();
        version.lpcDelayDays = next.lpcDelay;
        if (isNew) {
            mapper.insertVersion(version);
        } else {
            mapper.updateVersion(version);
            mapper.deleteLinks(version.id);
            mapper.deleteDueDates(version.id);
        }
        int position = 0;
        for (UsefulLink link : next.links) {
            mapper.insertLink(version.id, position++, link);
        }
        for (DueDate d : next.notes.dueDates()) {
            mapper.insertDueDate(version.id, d);
        }
        for (String d : next.described) {
            changes.establishment(e.academyCode(), e.uai(), by, "Paramétrage", d, from);
        }
    }

    private void applyNotes(Establishment e, SettingsUpdate change, Settings current, Draft next) {
        if (change.notesPublication() != null) {
            next.notes = notes(e, current, change, next.errors, next.described);
        }
    }

    /** The notes' publication wanted, checked: daily, or due dates of the establishment's divisions within the school year. */
    private NotesPublication notes(Establishment e, Settings current, SettingsUpdate change, Map<String, String> errors,
                                   List<String> described) {
        NotesPublication wanted = change.notesPublication();
        if (!opening.isOpen(e.uai(), NationalService.NOTES.name())) {
            throw new SettingsConflict("La publication des notes ne se règle que lorsque le téléservice Notes est ouvert.", false);
        }
        if (wanted.mode() == null) {
            errors.put("notesPublication", "Indiquez le type de publication : DAILY (au fil de l'eau) ou DUE_DATES (à échéance).");
            return current.notesPublication();
        }
        if (wanted.mode() == PublicationMode.DAILY) {
            boolean losesDueDates = current.notesPublication().mode() == PublicationMode.DUE_DATES
                    && !current.notesPublication().dueDates().isEmpty();
            if (losesDueDates && !Boolean.TRUE.equals(change.confirmDueDatesLoss())) {
                throw new SettingsConflict("Passer à la publication « au fil de l'eau » efface toutes les dates d'échéance saisies ("
                        + current.notesPublication().dueDates().size() + "). Confirmez pour continuer.", true);
            }
            if (current.notesPublication().mode() != PublicationMode.DAILY) {
                described.add("Publication des notes : au fil de l'eau" + (losesDueDates ? " (dates d'échéance effacées)" : "")
                        + was(publication(current.notesPublication())));
            }
            return NotesPublication.daily();
        }
        SchoolYear year = establishments.currentSchoolYear(e.academyCode()).orElse(null);
        Map<String, DueDate> divisions = divisions(e.uai()).stream()
                .collect(Collectors.toMap(DueDate::division, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        List<DueDate> dueDates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (DueDate d : wanted.dueDates()) {
            if (d == null || d.division() == null || !divisions.containsKey(d.division())) {
                errors.putIfAbsent("notesPublication", "La division « " + (d == null ? "" : d.division())
                        + " » n'existe pas dans l'établissement.");
                continue;
            }
            DueDate division = divisions.get(d.division());
            if (d.mef() != null && !d.mef().isBlank() && !d.mef().equals(division.mef())) {
                errors.putIfAbsent("notesPublication", "La division « " + d.division() + " » n'appartient pas au MEF « " + d.mef() + " ».");
                continue;
            }
            if (!seen.add(d.division())) {
                errors.putIfAbsent("notesPublication", "La division « " + d.division() + " » a plusieurs dates d'échéance.");
                continue;
            }
            if (d.date() == null) {
                continue;
            }
            if (year != null && (d.date().isBefore(year.startsOn()) || d.date().isAfter(year.endsOn()))) {
                errors.putIfAbsent("notesPublication", "La date d'échéance de la division « " + d.division() + " » ("
                        + FRENCH_DATE.format(d.date()) + ") doit être dans l'année scolaire, du " + FRENCH_DATE.format(year.startsOn())
                        + " au " + FRENCH_DATE.format(year.endsOn()) + ".");
                continue;
            }
            dueDates.add(new DueDate(division.mef(), d.division(), d.date()));
        }
        NotesPublication result = new NotesPublication(PublicationMode.DUE_DATES, dueDates);
        if (!result.equals(current.notesPublication())) {
            described.add("Publication des notes : " + publication(result) + was(publication(current.notesPublication())));
        }
        return result;
    }

    private Settings toSettings(String uai, SettingsMapper.Version v) {
        if (v == null) {
            return Settings.defaults(uai);
        }
        return new Settings(uai, v.effectiveFrom, v.welcomeMessage, v.letterType, v.entId, v.contactEmail, v.contactActive,
                mapper.findLinks(v.id), new NotesPublication(v.notesMode, mapper.findDueDates(v.id)), v.lpcDelayDays);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 119) + "…";
    }

    /** The history keeps the former value beside the new one. */
    private static String was(String before) {
        return " (avant : " + before + ")";
    }

    private String letterKind(Establishment e, LetterType type, Long entId) {
        return type.label() + (entId != null ? ", ENT « " + catalogue.ent(e.academyCode(), entId).map(Ent::name).orElse("?") + " »" : "");
    }

    private static String contact(boolean active, String email) {
        return (active ? "actif" : "non actif") + (email != null ? ", adresse " + email : "");
    }

    private static String titles(List<UsefulLink> links) {
        return links.isEmpty() ? "aucun" : links.stream().map(UsefulLink::title).collect(Collectors.joining(", "));
    }

    private static String publication(NotesPublication notes) {
        return notes.mode() == PublicationMode.DAILY ? "au fil de l'eau"
                : "à échéance, " + notes.dueDates().size() + " date(s) d'échéance";
    }
}
