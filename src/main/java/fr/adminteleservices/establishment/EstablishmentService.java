package fr.adminteleservices.establishment;

import fr.adminteleservices.security.Directory;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class EstablishmentService {

    private final EstablishmentMapper mapper;
    private final Directory directory;
    private final ApplicationEventPublisher events;

    EstablishmentService(EstablishmentMapper mapper, Directory directory, ApplicationEventPublisher events) {
        this.mapper = mapper;
        this.directory = directory;
        this.events = events;
    }

    /** The establishment, or {@link UnknownEstablishmentException} (404). */
    public Establishment get(String uai) {
        return find(uai).orElseThrow(() -> new UnknownEstablishmentException(uai));
    }

    public Optional<Establishment> find(String uai) {
        EstablishmentMapper.EstablishmentRow row = mapper.findEstablishment(uai);
        return Optional.ofNullable(row).map(this::complete);
    }

    public List<Establishment> ofAcademy(String academyCode) {
        return mapper.findEstablishments(academyCode).stream().map(this::complete).toList();
    }

    /** Every académie registered, the installation's own first. */
    public List<String> academyCodes() {
        return mapper.findAcademyCodes();
    }

    /** The académie of this installation (the first one registered). */
    public String defaultAcademyCode() {
        return mapper.findAcademyCodes().stream().findFirst().orElse(null);
    }

    public Optional<Academy> academy(String code) {
        return mapper.findAcademy(code);
    }

    public Optional<SchoolYear> currentSchoolYear(String academyCode) {
        return mapper.findCurrentSchoolYear(academyCode);
    }

    @Transactional
    public void createAcademy(Academy academy, SchoolYear currentYear) {
        mapper.insertAcademy(academy);
        mapper.clearCurrentSchoolYear(academy.code());
        mapper.insertSchoolYear(currentYear);
        directory.ensureAcademyAdminsGroup();
        events.publishEvent(new AcademyCreated(academy.code()));
    }

    /** The rollover's new school year becomes the current one (the previous ones stay, for statistics). */
    @Transactional
    public void startSchoolYear(SchoolYear year) {
        if (!year.endsOn().isAfter(year.startsOn())) {
            throw new IllegalArgumentException("La fin de l'année scolaire doit suivre son début.");
        }
        mapper.clearCurrentSchoolYear(year.academyCode());
        mapper.deleteSchoolYear(year.academyCode(), year.startYear());
        mapper.insertSchoolYear(new SchoolYear(year.academyCode(), year.startYear(), year.startsOn(), year.endsOn(), true));
    }

    /** Registers an establishment of this installation's académie, from the académie administrator's (validated) form. */
    @Transactional
    public Establishment register(EstablishmentForm form) {
        if (find(form.uai()).isPresent()) {
            throw new EstablishmentConflictException("L'établissement " + form.uai() + " est déjà enregistré.");
        }
        String academy = defaultAcademyCode();
        if (academy == null) {
            throw new IllegalStateException("Aucune académie n'est configurée.");
        }
        register(form.toEstablishment(academy));
        return get(form.uai());
    }

    /** Creates the log-in of a head of establishment, member of the establishment's tenant. */
    public void createHead(String uai, HeadAccountForm form) {
        get(uai);
        if (directory.userExists(form.username())) {
            throw new EstablishmentConflictException("L'identifiant « " + form.username() + " » est déjà pris.");
        }
        directory.createHead(form.username(), form.password(), form.firstName().strip(), form.lastName().strip(), uai);
    }

    /** Registers an establishment and its Camunda tenant (one tenant per establishment). */
    @Transactional
    public void register(Establishment establishment) {
        new Uai(establishment.uai());
        mapper.insertEstablishment(establishment);
        int position = 0;
        for (String email : new LinkedHashSet<>(establishment.emails())) {
            mapper.insertEmail(establishment.uai(), position++, email);
        }
        establishment.siecleModules().forEach(m -> mapper.insertModule(establishment.uai(), m));
        directory.createTenant(establishment.uai(), establishment.name());
    }

    private Establishment complete(EstablishmentMapper.EstablishmentRow row) {
        return new Establishment(row.uai(), row.academyCode(), row.name(), row.kind(), row.addressLine1(),
                row.addressLine2(), row.postalCode(), row.city(), row.headName(),
                mapper.findEmails(row.uai()), new LinkedHashSet<>(mapper.findModules(row.uai())));
    }
}
