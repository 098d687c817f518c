package fr.adminteleservices.catalogue;

import fr.adminteleservices.establishment.AcademyCreated;
import fr.adminteleservices.establishment.ChangeLog;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The académie's catalogue, kept by académie administrators. */
@Service
public class Catalogue {

    private static final Pattern ACADEMIC_CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");

    private final CatalogueMapper mapper;
    private final ChangeLog changes;
    private final ApplicationEventPublisher events;

    Catalogue(CatalogueMapper mapper, ChangeLog changes, ApplicationEventPublisher events) {
        this.mapper = mapper;
        this.changes = changes;
        this.events = events;
    }

    /** A new académie starts with the five national services, all closed. */
    @EventListener
    void seed(AcademyCreated event) {
        int position = 1;
        for (NationalService s : NationalService.values()) {
            mapper.insertService(event.academyCode(), new CatalogueService(s.name(), true, s.label(), null, s.module(),
                    false, false, position++));
        }
    }

    public List<CatalogueService> services(String academyCode) {
        return mapper.findServices(academyCode);
    }

    public Optional<CatalogueService> service(String academyCode, String code) {
        return mapper.findService(academyCode, code);
    }

    public List<Ent> ents(String academyCode) {
        return mapper.findEnts(academyCode);
    }

    public Optional<Ent> ent(String academyCode, long id) {
        return mapper.findEnt(academyCode, id);
    }

    public String teleservicesUrl(String academyCode) {
        return mapper.findTeleservicesUrl(academyCode);
    }

    /**
     * Opens or closes a service at académie level and says whether it is mandatory for establishments. A
     * null argument keeps the current value (an API client may send only what changes).
     */
    @Transactional
    public void updateService(String academyCode, String code, Boolean openOrNull, Boolean mandatoryOrNull, String url, String by) {
        CatalogueService current = service(academyCode, code)
                .orElseThrow(() -> new CatalogueException("Le service « " + code + " » n'existe pas dans le catalogue de l'académie."));
        boolean open = openOrNull == null ? current.openInAcademy() : openOrNull;
        boolean mandatory = mandatoryOrNull == null ? current.mandatory() && open : mandatoryOrNull;
        String newUrl = url == null ? current.url() : blankToNull(url);
        if (newUrl != null && !WebAddress.isValid(newUrl, 300)) {
            throw new CatalogueException("L'adresse du service « " + current.label() + " » doit commencer par http:// ou https://.");
        }
        if (!current.national() && newUrl == null) {
            throw new CatalogueException("Un service académique a besoin de son adresse (http:// ou https://).");
        }
        if (mandatory && !open) {
            throw new CatalogueException("Le service « " + current.label() + " » ne peut être obligatoire que s'il est ouvert dans l'académie.");
        }
        if (current.openInAcademy() == open && current.mandatory() == mandatory && java.util.Objects.equals(current.url(), newUrl)) {
            return;
        }
        mapper.updateService(academyCode, code, open, mandatory, newUrl);
        changes.academy(academyCode, by, "Catalogue : " + current.label(),
                (open ? "ouvert dans l'académie" : "fermé dans l'académie") + (mandatory ? ", obligatoire" : "")
                        + (newUrl != null ? ", adresse " + newUrl : ""));
        events.publishEvent(new CatalogueServiceChanged(academyCode, code));
    }

    /** Adds an academic service (e.g. cahier de textes), open in the académie. */
    @Transactional
    public CatalogueService addAcademicService(String academyCode, String code, String label, String url, boolean mandatory,
                                               String by) {
        String normalized = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        if (!ACADEMIC_CODE.matcher(normalized).matches()) {
            throw new CatalogueException("Le code d'un service académique : 2 à 40 lettres majuscules, chiffres ou « _ », "
                    + "en commençant par une lettre (par exemple CAHIER_TEXTES).");
        }
        if (service(academyCode, normalized).isPresent()) {
            throw new CatalogueException("Le code « " + normalized + " » est déjà utilisé dans le catalogue.");
        }
        if (label == null || label.isBlank() || label.length() > 200) {
            throw new CatalogueException("Le nom du service est obligatoire (200 caractères au plus).");
        }
        if (!WebAddress.isValid(url, 300)) {
            throw new CatalogueException("L'adresse du service doit commencer par http:// ou https://.");
        }
        CatalogueService service = new CatalogueService(normalized, false, label.strip(), url, null, true, mandatory,
                mapper.nextPosition(academyCode));
        mapper.insertService(academyCode, service);
        changes.academy(academyCode, by, "Catalogue : nouveau service académique",
                service.label() + " (" + normalized + "), " + url + (mandatory ? ", obligatoire" : ""));
        events.publishEvent(new CatalogueServiceChanged(academyCode, normalized));
        return service;
    }

    @Transactional
    public void addEnt(String academyCode, String name, String url, String by) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new CatalogueException("Le nom de l'ENT est obligatoire (200 caractères au plus).");
        }
        if (!WebAddress.isValid(url, 300)) {
            throw new CatalogueException("L'adresse de l'ENT doit commencer par http:// ou https://.");
        }
        mapper.insertEnt(academyCode, name.strip(), url);
        changes.academy(academyCode, by, "Catalogue : nouvel ENT", name.strip() + ", " + url);
    }

    /** Hides an ENT from the choices; establishments that chose it keep it until they change their setting. */
    @Transactional
    public void removeEnt(String academyCode, long id, String by) {
        Ent ent = ent(academyCode, id).orElseThrow(() -> new CatalogueException("Cet ENT n'existe pas dans l'académie."));
        mapper.removeEnt(academyCode, id);
        changes.academy(academyCode, by, "Catalogue : ENT retiré", ent.name());
    }

    @Transactional
    public void updateTeleservicesUrl(String academyCode, String url, String by) {
        if (!WebAddress.isValid(url, 300)) {
            throw new CatalogueException("L'adresse des téléservices doit commencer par http:// ou https://.");
        }
        mapper.updateTeleservicesUrl(academyCode, url);
        changes.academy(academyCode, by, "Catalogue : adresse des téléservices", url);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
