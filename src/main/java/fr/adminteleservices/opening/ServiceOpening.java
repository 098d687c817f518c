package fr.adminteleservices.opening;

import fr.adminteleservices.catalogue.Catalogue;
import fr.adminteleservices.catalogue.CatalogueService;
import fr.adminteleservices.catalogue.CatalogueServiceChanged;
import fr.adminteleservices.establishment.ChangeLog;
import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** O1–O5: declaring the use of the téléservices, then opening and closing each of them. */
@Service
public class ServiceOpening {

    private final OpeningMapper mapper;
    private final EstablishmentService establishments;
    private final Catalogue catalogue;
    private final ChangeLog changes;
    private final Clock clock;

    private final org.springframework.context.ApplicationEventPublisher events;

    ServiceOpening(OpeningMapper mapper, EstablishmentService establishments, Catalogue catalogue, ChangeLog changes,
                   Clock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.mapper = mapper;
        this.establishments = establishments;
        this.catalogue = catalogue;
        this.changes = changes;
        this.clock = clock;
    }

    /** When the establishment declared that it uses the téléservices (O1), if it did. */
    public Optional<Instant> declaredAt(String uai) {
        establishments.get(uai);
        return Optional.ofNullable(mapper.findDeclaredAt(uai));
    }

    /** O1: the establishment uses the téléservices; the mandatory services it is offered open at once. */
    @Transactional
    public void declare(String uai, String by) {
        Establishment e = establishments.get(uai);
        if (mapper.declare(uai, clock.instant(), by) == 0) {
            return;
        }
        changes.establishment(e.academyCode(), uai, by, "Utilisation des téléservices",
                "L'établissement déclare utiliser les téléservices.", null);
        for (ServiceState s : states(uai)) {
            if (s.mandatory() && s.offered() && !s.open()) {
                write(e, s, true, by);
            }
        }
    }

    /**
     * Every service of the académie's catalogue, with its state in the establishment. Nothing is open in an
     * establishment that has not declared that it uses the téléservices (O1).
     */
    public List<ServiceState> states(String uai) {
        Establishment e = establishments.get(uai);
        Set<String> open = mapper.findDeclaredAt(uai) == null ? Set.of() : new TreeSet<>(mapper.findOpenCodes(uai));
        return catalogue.services(e.academyCode()).stream().map(s -> state(e, s, open)).toList();
    }

    /** The codes of the services really open: opened by the establishment and still offered. */
    public List<ServiceState> openServices(String uai) {
        return states(uai).stream().filter(ServiceState::open).toList();
    }

    public boolean isOpen(String uai, String code) {
        return openServices(uai).stream().anyMatch(s -> s.code().equals(code));
    }

    /** O2: opens or closes one service; refused with a French reason when the rules do not allow it. */
    @Transactional
    public ServiceState setOpen(String uai, String code, boolean open, String by) {
        Establishment e = establishments.get(uai);
        if (mapper.findDeclaredAt(uai) == null) {
            throw new ServiceChangeRefused("L'établissement n'a pas encore déclaré utiliser les téléservices : "
                    + "faites-le d'abord depuis la page « Ouverture / fermeture ».");
        }
        ServiceState state = states(uai).stream().filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> new ServiceChangeRefused("Le service « " + code + " » n'existe pas dans le catalogue de l'académie."));
        if (!open && !state.offered() && state.chosenOpen()) {
            // closed by the académie, open by the head's choice: the head's new choice is kept, so that
            // the service stays closed here when the académie opens it again
            write(e, state, false, by);
            return states(uai).stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow();
        }
        if (state.open() == open) {
            return state;
        }
        if (open && !state.offered()) {
            throw new ServiceChangeRefused(state.reason());
        }
        if (!open && state.mandatory()) {
            throw new ServiceChangeRefused("Le service « " + state.label() + " » est obligatoire dans l'académie : "
                    + "il ne peut pas être fermé.");
        }
        write(e, state, open, by);
        return states(uai).stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow();
    }

    /**
     * §1.3: the services the académie made mandatory are open in every establishment that declared that it
     * uses the téléservices and has the matching SIECLE module. Run when the catalogue changes and after the
     * rollover; returns how many services it opened.
     */
    @Transactional
    public int openMandatory(String academyCode, String by) {
        if (catalogue.services(academyCode).stream().noneMatch(s -> s.mandatory() && s.openInAcademy())) {
            return 0;
        }
        int opened = 0;
        for (String uai : mapper.findDeclaredEstablishments(academyCode)) {
            Establishment e = establishments.get(uai);
            for (ServiceState s : states(uai)) {
                if (s.mandatory() && !s.open()) {
                    write(e, s, true, by);
                    opened++;
                }
            }
        }
        return opened;
    }

    /** The académie changed its catalogue: a service it made mandatory opens at once where it is offered. */
    @EventListener
    void catalogueChanged(CatalogueServiceChanged event) {
        openMandatory(event.academyCode(), "académie (service obligatoire)");
    }

    /** O4: the rollover closes every service of every establishment; settings and accounts stay. */
    @Transactional
    public int closeAll(String academyCode, String by) {
        List<String> concerned = mapper.findEstablishmentsWithOpenServices(academyCode);
        int closed = mapper.closeAll(academyCode, clock.instant(), by);
        for (String uai : concerned) {
            changes.establishment(academyCode, uai, by, "Bascule", "Tous les téléservices sont fermés pour la nouvelle année scolaire.", null);
        }
        return closed;
    }

    private void write(Establishment e, ServiceState s, boolean open, String by) {
        if (open) {
            events.publishEvent(new ServiceOpened(e.uai(), s.code()));
        }
        Instant now = clock.instant();
        if (mapper.updateState(e.uai(), s.code(), open, now, by) == 0) {
            mapper.insertState(e.uai(), s.code(), open, now, by);
        }
        changes.establishment(e.academyCode(), e.uai(), by, (open ? "Ouverture : " : "Fermeture : ") + s.label(),
                "Le téléservice « " + s.label() + " » est " + (open ? "ouvert." : "fermé (son paramétrage est conservé)."), null);
    }

    private static ServiceState state(Establishment e, CatalogueService s, Set<String> openCodes) {
        String reason = null;
        if (!s.openInAcademy()) {
            reason = "Le service « " + s.label() + " » n'est pas ouvert dans l'académie.";
        } else if (s.siecleModule() != null && !e.siecleModules().contains(s.siecleModule())) {
            reason = "Le service « " + s.label() + " » demande le module « " + s.siecleModule().label()
                    + " », que l'établissement n'utilise pas.";
        }
        boolean offered = reason == null;
        boolean chosenOpen = openCodes.contains(s.code());
        return new ServiceState(s.code(), s.label(), s.national(), s.url(), offered, offered && chosenOpen,
                offered && s.mandatory(), reason, chosenOpen);
    }
}
