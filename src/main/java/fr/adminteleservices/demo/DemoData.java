package fr.adminteleservices.demo;

import fr.adminteleservices.accounts.PortalProperties;
import fr.adminteleservices.catalogue.Catalogue;
import fr.adminteleservices.catalogue.CatalogueService;
import fr.adminteleservices.catalogue.NationalService;
import fr.adminteleservices.codes.CodesOfTheDemo;
import fr.adminteleservices.codes.GenerationResult;
import fr.adminteleservices.codes.GuardianCodes;
import fr.adminteleservices.consultation.SampleRecords;
import fr.adminteleservices.notification.Channel;
import fr.adminteleservices.notification.NotificationPreviews;
import fr.adminteleservices.notification.Notifications;
import fr.adminteleservices.enrolment.AssignmentResults;
import fr.adminteleservices.enrolment.Teleinscription;
import fr.adminteleservices.establishment.Academy;
import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentKind;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SchoolYear;
import fr.adminteleservices.establishment.SiecleModule;
import fr.adminteleservices.notification.Channel;
import fr.adminteleservices.notification.Notifications;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.replication.Replication;
import fr.adminteleservices.replication.ReplicationRun;
import fr.adminteleservices.security.Directory;
import fr.adminteleservices.settings.SettingsService;
import fr.adminteleservices.settings.SettingsUpdate;
import fr.adminteleservices.siecle.ImportReport;
import fr.adminteleservices.siecle.SiecleImportService;
import fr.adminteleservices.students.StudentDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/** Loads the demo académie once (the embedded database keeps it across restarts). */
@Component
@Order(1)
@ConditionalOnProperty(name = "teleservices.demo.enabled", havingValue = "true")
class DemoData implements ApplicationRunner {

    static final String ACADEMY = "demo";
    static final String COLLEGE = "0990001N";
    static final String LYCEE = "0990002P";
    /** The collège's MEFs whose couples get their CARs with the demo (4e, 3e); 6e and 5e are left for a first try. */
    static final List<String> MEFS_WITH_CODES = List.of("10210001110", "10310019110");
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final EstablishmentService establishments;
    private final Directory directory;
    private final SiecleImportService imports;
    private final Catalogue catalogue;
    private final ServiceOpening opening;
    private final SettingsService settings;
    private final Replication replication;
    private final GuardianCodes guardianCodes;
    private final Notifications notifications;
    private final NotificationPreviews notificationPreviews;
    private final Clock clock;
    /** Consultation: the collège's assessments, grades, absences and LPC validations. */
    private final SampleRecords sampleRecords;
    /** Téléinscription: both demo establishments take part, some 3e students of the collège are assigned to the lycée. */
    private final Teleinscription teleinscription;
    private final AssignmentResults assignmentResults;
    private final StudentDirectory students;
    private final CodesOfTheDemo codesOfTheDemo;
    /** Where the portal is reached: the académie's address printed in the demo's letters. */
    private final String portalUrl;

    DemoData(EstablishmentService establishments, Directory directory, SiecleImportService imports, Catalogue catalogue,
             ServiceOpening opening, SettingsService settings, Replication replication, GuardianCodes guardianCodes,
             Notifications notifications, NotificationPreviews notificationPreviews,
             SampleRecords sampleRecords,
             Teleinscription teleinscription, AssignmentResults assignmentResults, StudentDirectory students,
             CodesOfTheDemo codesOfTheDemo, PortalProperties portal, Clock clock) {
        this.establishments = establishments;
        this.directory = directory;
        this.imports = imports;
        this.catalogue = catalogue;
        this.opening = opening;
        this.settings = settings;
        this.replication = replication;
        this.guardianCodes = guardianCodes;
        this.notifications = notifications;
        this.notificationPreviews = notificationPreviews;
        this.sampleRecords = sampleRecords;
        this.teleinscription = teleinscription;
        this.assignmentResults = assignmentResults;
        this.students = students;
        this.codesOfTheDemo = codesOfTheDemo;
        this.portalUrl = portal.baseUrl();
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (establishments.academy(ACADEMY).isEmpty()) {
            LocalDate today = LocalDate.now(clock);
            int startYear = today.getMonthValue() >= 8 ? today.getYear() : today.getYear() - 1;
            establishments.createAcademy(new Academy(ACADEMY, "Académie de démonstration"),
                    new SchoolYear(ACADEMY, startYear, LocalDate.of(startYear, 9, 1), LocalDate.of(startYear + 1, 7, 4), true));
        }
        if (!directory.userExists("academie")) {
            directory.createAcademyAdmin("academie", "academie", "Camille", "Rectorat");
        }
        ensure(new Establishment(COLLEGE, ACADEMY, "Collège Jean Moulin", EstablishmentKind.COLLEGE,
                "12 rue des Écoles", null, "99100", "Villedémo", "Mme Hélène Lefèvre",
                List.of("ce.0990001n@ac-demo.example.fr", "secretariat.0990001n@ac-demo.example.fr"),
                EnumSet.allOf(SiecleModule.class)), "Hélène", "Lefèvre");
        ensure(new Establishment(LYCEE, ACADEMY, "Lycée Marie Curie", EstablishmentKind.LYCEE,
                "3 avenue de la République", "BP 42", "99200", "Démoville", "M. François Nœl",
                List.of("ce.0990002p@ac-demo.example.fr"),
                EnumSet.of(SiecleModule.BASE_ELEVES, SiecleModule.NOTES, SiecleModule.ABSENCES, SiecleModule.INSCRIPTION)),
                "François", "Nœl");
        if (catalogue.ents(ACADEMY).isEmpty()) {
            openServices();
        }
        if (teleinscription.participants(ACADEMY).isEmpty()) {
            openTeleinscription();
        }
        log.info("Demo log-ins: academie / academie (académie administrator), chef.{} / chef.{} (collège), chef.{} / chef.{} (lycée)",
                COLLEGE, COLLEGE, LYCEE, LYCEE);
    }

    /**
     * The académie offers every national service, a cahier de textes and an ENT. The collège uses the
     * téléservices (Notes, Absences and Téléinscription open, a welcome message, CARs for the legal guardians of 4e
     * and 3e); the lycée has not declared yet (O1): families enrol once its head declares and opens « Téléinscription ».
     * A first replication fills the téléservices side.
     */
    private void openServices() {
        for (CatalogueService s : catalogue.services(ACADEMY)) {
            catalogue.updateService(ACADEMY, s.code(), true, false, s.url(), "demo");
        }
        catalogue.addAcademicService(ACADEMY, "CAHIER_TEXTES", "Cahier de textes", "https://cdt.ac-demo.example.fr", false, "demo");
        catalogue.addEnt(ACADEMY, "ENT Démo (Mon collège, Mon lycée)", "https://ent.ac-demo.example.fr", "demo");
        // the letters print the académie's setting: here the portal of this very application (TELESERVICES_PORTAL_URL)
        catalogue.updateTeleservicesUrl(ACADEMY, portalUrl + "/portail", "demo");
        opening.declare(COLLEGE, "demo");
        opening.setOpen(COLLEGE, NationalService.NOTES.name(), true, "demo");
        opening.setOpen(COLLEGE, NationalService.ABSENCES.name(), true, "demo");
        opening.setOpen(COLLEGE, NationalService.TELEINSCRIPTION.name(), true, "demo");
        settings.update(COLLEGE, SettingsUpdate.welcomeMessage("<div>Bienvenue sur les téléservices du <strong>collège Jean Moulin</strong>. "
                + "Le règlement intérieur est sur <a href=\"https://college-jean-moulin.ac-demo.example.fr\">le site du collège</a>.</div>"), "demo");
        settings.update(COLLEGE, SettingsUpdate.contact("secretariat.0990001n@ac-demo.example.fr", true), "demo");
        // CARs for 4e and 3e only: « Créer les codes en masse » has the 6e and 5e couples to show on the first day
        for (String mef : MEFS_WITH_CODES) {
            GenerationResult cars = guardianCodes.generate(COLLEGE, null, true, null, mef, "demo");
            log.info("Demo CARs of {} (MEF {}): {} created, {} couples without (other persons)", COLLEGE, mef, cars.created(),
                    cars.skipped().size());
        }
        // a demo letter's code works on the demo's first day (R2 would say tomorrow)
        for (String uai : List.of(COLLEGE, LYCEE)) {
            log.info("Demo codes of {} usable today: {}", uai, codesOfTheDemo.usableToday(uai));
        }
        // the guardians of one division are notified by e-mail: the messages appear at /courriels
        notificationPreviews.guardianCandidates(COLLEGE, true, null, null).stream().map(c -> c.division()).filter(d -> d != null)
                .sorted().findFirst().ifPresent(division -> {
                    String job = notifications.notifyGuardians(COLLEGE, java.util.Set.of(Channel.EMAIL), true, division, null, "demo");
                    log.info("Demo notification of the guardians of {} in {} by e-mail: job {}", division, COLLEGE, job);
                });
        // consultation: what SIECLE Notes, Absences and LPC hold for the collège, copied by the replication below
        establishments.currentSchoolYear(ACADEMY).ifPresent(y -> sampleRecords.fill(COLLEGE, y.startsOn(), y.endsOn()));
        ReplicationRun run = replication.runNow("demo");
        log.info("Demo replication: {} establishment(s), {} students in {} ms", run.establishments(), run.students(), run.durationMs());
    }

    /**
     * Téléinscription: the assignment results are taken as published (yesterday, or the first day of the school
     * year), so the window is open; both establishments take part; twelve 3e students of the collège are assigned
     * to the lycée's seconde GT.
     */
    private void openTeleinscription() {
        establishments.currentSchoolYear(ACADEMY).ifPresent(year -> {
            LocalDate yesterday = LocalDate.now(clock).minusDays(1);
            LocalDate published = yesterday.isBefore(year.startsOn()) ? year.startsOn()
                    : yesterday.isAfter(year.endsOn()) ? year.endsOn() : yesterday;
            teleinscription.configure(ACADEMY, published, List.of(COLLEGE, LYCEE), "demo");
            StringBuilder csv = new StringBuilder("UAI_COLLEGE;ELEVE_ID;UAI_LYCEE;CODE_MEF\n");
            students.students(COLLEGE, null, "10310019110", false).stream().limit(12)
                    .forEach(s -> csv.append(COLLEGE).append(';').append(s.eleveId()).append(';').append(LYCEE)
                            .append(";20010017110\n"));
            AssignmentResults.Report report = assignmentResults.importCsv(ACADEMY, csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            log.info("Demo téléinscription: open from {}, {} students of {} assigned to {}, {} rejected", published,
                    report.accepted(), COLLEGE, LYCEE, report.rejected().size());
        });
    }

    private void ensure(Establishment e, String headFirstName, String headLastName) {
        boolean isNew = establishments.find(e.uai()).isEmpty();
        if (isNew) {
            establishments.register(e);
        }
        String head = "chef." + e.uai();
        if (!directory.userExists(head)) {
            directory.createHead(head, head, headFirstName, headLastName, e.uai());
        }
        if (isNew) {
            ImportReport report = imports.importExports(e.uai(), exportsOf(e.uai()), "demo");
            log.info("Demo SIECLE exports of {} imported: {} students, {} guardians, {} links, {} rejected",
                    e.uai(), report.students().created(), report.guardians().created(), report.links().created(),
                    report.rejected().size());
        }
    }

    private static List<SiecleImportService.Upload> exportsOf(String uai) {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:demo/siecle/" + uai + "/*.xml");
            return Arrays.stream(files)
                    .map(r -> new SiecleImportService.Upload(r.getFilename(), r::getInputStream))
                    .toList();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
