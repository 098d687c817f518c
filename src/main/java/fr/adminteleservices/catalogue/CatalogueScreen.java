package fr.adminteleservices.catalogue;

import fr.adminteleservices.establishment.ChangeLog;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.security.EstablishmentAccess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * « Catalogue des téléservices », for académie administrators: which national and academic services are open in
 * the académie and mandatory, the academic services, the ENTs and the address of the téléservices.
 */
@Controller
@PreAuthorize("hasRole('ACADEMY_ADMIN')")
class CatalogueScreen {

    private static final String PAGE = "/academie/catalogue";

    /** The values typed in the forms, kept when a change is refused. */
    record NewService(String code, String label, String url, boolean mandatory) {
    }

    record NewEnt(String name, String url) {
    }

    record ServiceGroup(String title, List<CatalogueService> services) {
    }

    private final Catalogue catalogue;
    private final EstablishmentService establishments;
    private final ChangeLog changes;

    CatalogueScreen(Catalogue catalogue, EstablishmentService establishments, ChangeLog changes) {
        this.catalogue = catalogue;
        this.establishments = establishments;
        this.changes = changes;
    }

    @GetMapping(PAGE)
    String page(Model model) {
        return render(model);
    }

    @PostMapping(PAGE + "/services/{code}")
    String updateService(@PathVariable String code, @RequestParam(name = "open", defaultValue = "false") boolean open,
                         @RequestParam(name = "mandatory", defaultValue = "false") boolean mandatory,
                         @RequestParam(name = "url", required = false) String url, Model model, RedirectAttributes redirect) {
        String academy = academy();
        try {
            CatalogueService service = catalogue.service(academy, code)
                    .orElseThrow(() -> new CatalogueException("Le service « " + code + " » n'existe pas dans le catalogue de l'académie."));
            catalogue.updateService(academy, code, open, mandatory, url, user());
            redirect.addFlashAttribute("message", "Le service « " + service.label() + " » est enregistré : "
                    + (open ? "ouvert dans l'académie" : "fermé dans l'académie") + (mandatory ? ", obligatoire : il est ouvert "
                    + "dès maintenant dans chaque établissement qui utilise les téléservices et dispose du module SIECLE "
                    + "correspondant." : "."));
            return "redirect:" + PAGE;
        } catch (CatalogueException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorTarget", "service-" + code);
            model.addAttribute("edited", Map.of(code, new EditedService(open, mandatory, url)));
            return render(model);
        }
    }

    /** A row of the services table as the administrator left it. */
    record EditedService(boolean open, boolean mandatory, String url) {
    }

    @PostMapping(PAGE + "/services")
    String addService(@RequestParam(name = "code", required = false) String code,
                      @RequestParam(name = "label", required = false) String label,
                      @RequestParam(name = "url", required = false) String url,
                      @RequestParam(name = "mandatory", defaultValue = "false") boolean mandatory, Model model,
                      RedirectAttributes redirect) {
        try {
            CatalogueService service = catalogue.addAcademicService(academy(), code, label, url, mandatory, user());
            redirect.addFlashAttribute("message", "Le service académique « " + service.label() + " » (" + service.code()
                    + ") est ajouté et ouvert dans l'académie.");
            return "redirect:" + PAGE;
        } catch (CatalogueException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorTarget", "new-service");
            model.addAttribute("newService", new NewService(code, label, url, mandatory));
            return render(model);
        }
    }

    @PostMapping(PAGE + "/ents")
    String addEnt(@RequestParam(name = "name", required = false) String name, @RequestParam(name = "url", required = false) String url,
                  Model model, RedirectAttributes redirect) {
        try {
            catalogue.addEnt(academy(), name, url, user());
            redirect.addFlashAttribute("message", "L'ENT « " + name.strip() + " » est ajouté : les établissements peuvent le choisir.");
            return "redirect:" + PAGE;
        } catch (CatalogueException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorTarget", "new-ent");
            model.addAttribute("newEnt", new NewEnt(name, url));
            return render(model);
        }
    }

    @PostMapping(PAGE + "/ents/{id}/retrait")
    String removeEnt(@PathVariable long id, Model model, RedirectAttributes redirect) {
        String academy = academy();
        try {
            String name = catalogue.ent(academy, id).map(Ent::name).orElse("");
            catalogue.removeEnt(academy, id, user());
            redirect.addFlashAttribute("message", "L'ENT « " + name + " » est retiré de la liste : il n'est plus proposé aux "
                    + "établissements ; ceux qui l'ont choisi le gardent jusqu'à ce qu'ils changent leur paramétrage.");
            return "redirect:" + PAGE;
        } catch (CatalogueException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorTarget", "ents");
            return render(model);
        }
    }

    @PostMapping(PAGE + "/adresse")
    String updateUrl(@RequestParam(name = "url", required = false) String url, Model model, RedirectAttributes redirect) {
        try {
            catalogue.updateTeleservicesUrl(academy(), url == null ? null : url.strip(), user());
            redirect.addFlashAttribute("message", "L'adresse des téléservices est enregistrée.");
            return "redirect:" + PAGE;
        } catch (CatalogueException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorTarget", "teleservices-url");
            model.addAttribute("teleservicesUrl", url);
            return render(model);
        }
    }

    private String render(Model model) {
        String academy = academy();
        model.addAttribute("academy", establishments.academy(academy).orElse(null));
        List<CatalogueService> services = catalogue.services(academy);
        model.addAttribute("groups", List.of(
                new ServiceGroup("Téléservices nationaux", services.stream().filter(CatalogueService::national).toList()),
                new ServiceGroup("Services académiques", services.stream().filter(s -> !s.national()).toList())));
        model.addAttribute("ents", catalogue.ents(academy));
        if (!model.containsAttribute("teleservicesUrl")) {
            model.addAttribute("teleservicesUrl", catalogue.teleservicesUrl(academy));
        }
        if (!model.containsAttribute("newService")) {
            model.addAttribute("newService", new NewService("", "", "", false));
        }
        if (!model.containsAttribute("newEnt")) {
            model.addAttribute("newEnt", new NewEnt("", ""));
        }
        if (!model.containsAttribute("edited")) {
            model.addAttribute("edited", new LinkedHashMap<String, EditedService>());
        }
        model.addAttribute("changes", changes.ofAcademy(academy, 50));
        return "catalogue/catalogue";
    }

    private String academy() {
        String code = establishments.defaultAcademyCode();
        if (code == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Aucune académie n'est enregistrée.");
        }
        return code;
    }

    private static String user() {
        return EstablishmentAccess.currentUser().username();
    }
}
