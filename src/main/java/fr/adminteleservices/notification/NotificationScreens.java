package fr.adminteleservices.notification;

import fr.adminteleservices.codes.CodeKind;
import fr.adminteleservices.codes.CodeSections;
import fr.adminteleservices.codes.GuardianCodes;
import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.security.EstablishmentAccess;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * « Notifier les accès des responsables en masse » (§4.2), « Notifier en masse » des élèves (§5.1),
 * the progress and summary of a notification, and « Notifier code » of a couple (§4.3) or a student
 * (§5.2).
 */
@Controller
class NotificationScreens {

    static final String ALL = "tous";
    static final String NOT_NOTIFIED = "non-notifies";

    /** The side menus of « Accès des responsables » and « Accès des élèves », in the guide's order. */
    static final List<CodeSections.Page> GUARDIAN_PAGES = CodeSections.GUARDIANS;
    static final List<CodeSections.Page> STUDENT_PAGES = CodeSections.STUDENTS;

    record Option(String code, String label) {
    }

    private final Notifications notifications;
    private final NotificationPreviews previews;
    private final NotificationDecisions decisions;
    private final NotificationJobs jobs;
    private final EstablishmentService establishments;
    private final GuardianCodes codes;
    private final ServiceOpening opening;

    NotificationScreens(Notifications notifications, NotificationPreviews previews, NotificationDecisions decisions, NotificationJobs jobs,
                        EstablishmentService establishments, GuardianCodes codes, ServiceOpening opening) {
        this.notifications = notifications;
        this.previews = previews;
        this.decisions = decisions;
        this.jobs = jobs;
        this.establishments = establishments;
        this.codes = codes;
        this.opening = opening;
    }

    // ------------------------------------------------------------------ C2 guardians

    @GetMapping("/etablissements/{uai}/responsables/notification")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String guardians(@PathVariable String uai, @RequestParam(name = "courriel", defaultValue = "false") boolean email,
                     @RequestParam(name = "papier", defaultValue = "false") boolean paper,
                     @RequestParam(name = "vue", defaultValue = NOT_NOTIFIED) String view,
                     @RequestParam(required = false) String division, @RequestParam(required = false) String mef, Model model) {
        frame(uai, "responsables", GUARDIAN_PAGES, model);
        boolean onlyNotNotified = !ALL.equals(view);
        model.addAttribute("email", email);
        model.addAttribute("paper", paper);
        model.addAttribute("view", onlyNotNotified ? NOT_NOTIFIED : ALL);
        model.addAttribute("division", blank(division) ? "" : division.strip());
        model.addAttribute("mef", blank(mef) ? "" : mef.strip());
        List<NotifiableCouple> every = previews.guardianCandidates(uai, false, null, null);
        filters(every, NotifiableCouple::division, NotifiableCouple::mef, model);
        List<NotifiableCouple> shown = every.stream()
                .filter(c -> !onlyNotNotified || c.notifiedOn() == null)
                .filter(c -> blank(division) || division.strip().equals(c.division()))
                .filter(c -> blank(mef) || mef.strip().equals(c.mef()))
                .toList();
        model.addAttribute("couples", shown);
        model.addAttribute("jobs", jobs.recentJobs(uai, CodeKind.CAR));
        return "notification/guardians";
    }

    /** The confirmation the guide shows before a mass notification (§4.2): how many couples, which channels. */
    @GetMapping("/etablissements/{uai}/responsables/notification/confirmation")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String confirmGuardians(@PathVariable String uai, @RequestParam(name = "courriel", defaultValue = "false") boolean email,
                            @RequestParam(name = "papier", defaultValue = "false") boolean paper,
                            @RequestParam(name = "vue", defaultValue = NOT_NOTIFIED) String view,
                            @RequestParam(required = false) String division, @RequestParam(required = false) String mef,
                            Model model, RedirectAttributes redirect) {
        try {
            NotificationPreviews.GuardianPreview preview = previews.previewGuardians(uai, channels(email, paper), !ALL.equals(view),
                    division, mef);
            frame(uai, "responsables", GUARDIAN_PAGES, model);
            model.addAttribute("guardianPreview", preview);
            model.addAttribute("email", email);
            model.addAttribute("paper", paper);
            return confirmation(view, division, mef, model);
        } catch (NotificationRefused e) {
            return backToGuardians(uai, e, email, paper, view, division, mef, redirect);
        }
    }

    @PostMapping("/etablissements/{uai}/responsables/notification")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String notifyGuardians(@PathVariable String uai, @RequestParam(name = "courriel", defaultValue = "false") boolean email,
                           @RequestParam(name = "papier", defaultValue = "false") boolean paper,
                           @RequestParam(name = "vue", defaultValue = NOT_NOTIFIED) String view,
                           @RequestParam(required = false) String division, @RequestParam(required = false) String mef,
                           @RequestParam(name = "confirmation", defaultValue = "false") boolean confirmed,
                           RedirectAttributes redirect) {
        if (!confirmed) {
            selection(redirect, view, division, mef);
            redirect.addAttribute("courriel", email);
            redirect.addAttribute("papier", paper);
            return "redirect:/etablissements/" + uai + "/responsables/notification/confirmation";
        }
        try {
            String job = notifications.notifyGuardians(uai, channels(email, paper), !ALL.equals(view), division, mef, user());
            return "redirect:/etablissements/" + uai + "/notifications/" + job;
        } catch (NotificationRefused e) {
            return backToGuardians(uai, e, email, paper, view, division, mef, redirect);
        }
    }

    private static Set<Channel> channels(boolean email, boolean paper) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        if (email) {
            channels.add(Channel.EMAIL);
        }
        if (paper) {
            channels.add(Channel.PAPER);
        }
        return channels;
    }

    private static String backToGuardians(String uai, NotificationRefused e, boolean email, boolean paper, String view,
                                          String division, String mef, RedirectAttributes redirect) {
        redirect.addFlashAttribute("error", e.getMessage());
        redirect.addAttribute("courriel", email);
        redirect.addAttribute("papier", paper);
        selection(redirect, view, division, mef);
        return "redirect:/etablissements/" + uai + "/responsables/notification";
    }

    // ------------------------------------------------------------------ E2 students

    @GetMapping("/etablissements/{uai}/acces-eleves/notification")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String students(@PathVariable String uai, @RequestParam(name = "vue", defaultValue = NOT_NOTIFIED) String view,
                    @RequestParam(required = false) String division, @RequestParam(required = false) String mef, Model model) {
        frame(uai, "eleves-acces", STUDENT_PAGES, model);
        boolean onlyNotNotified = !ALL.equals(view);
        model.addAttribute("view", onlyNotNotified ? NOT_NOTIFIED : ALL);
        model.addAttribute("division", blank(division) ? "" : division.strip());
        model.addAttribute("mef", blank(mef) ? "" : mef.strip());
        List<NotifiableStudent> every = previews.studentCandidates(uai, false, null, null);
        filters(every, NotifiableStudent::division, NotifiableStudent::mef, model);
        List<NotifiableStudent> shown = every.stream()
                .filter(c -> !onlyNotNotified || c.notifiedOn() == null)
                .filter(c -> blank(division) || division.strip().equals(c.division()))
                .filter(c -> blank(mef) || mef.strip().equals(c.mef()))
                .toList();
        model.addAttribute("students", shown);
        // before « Notifier »: who the rules hold back today, and why (G8, access removed)
        Map<Long, String> heldBack = new java.util.HashMap<>();
        decisions.heldBack(shown).forEach(h -> heldBack.put(h.studentId(), h.reason()));
        model.addAttribute("heldBack", heldBack);
        model.addAttribute("jobs", jobs.recentJobs(uai, CodeKind.CAE));
        return "notification/students";
    }

    /** The confirmation the guide shows before « Notifier » (§5.1): how many letters, who is held back and why. */
    @GetMapping("/etablissements/{uai}/acces-eleves/notification/confirmation")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String confirmStudents(@PathVariable String uai, @RequestParam(name = "vue", defaultValue = NOT_NOTIFIED) String view,
                           @RequestParam(required = false) String division, @RequestParam(required = false) String mef,
                           Model model, RedirectAttributes redirect) {
        try {
            NotificationPreviews.StudentPreview preview = previews.previewStudents(uai, !ALL.equals(view), division, mef);
            frame(uai, "eleves-acces", STUDENT_PAGES, model);
            model.addAttribute("studentPreview", preview);
            return confirmation(view, division, mef, model);
        } catch (NotificationRefused e) {
            return backToStudents(uai, e, view, division, mef, redirect);
        }
    }

    @PostMapping("/etablissements/{uai}/acces-eleves/notification")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String notifyStudents(@PathVariable String uai, @RequestParam(name = "vue", defaultValue = NOT_NOTIFIED) String view,
                          @RequestParam(required = false) String division, @RequestParam(required = false) String mef,
                          @RequestParam(name = "confirmation", defaultValue = "false") boolean confirmed,
                          RedirectAttributes redirect) {
        if (!confirmed) {
            selection(redirect, view, division, mef);
            return "redirect:/etablissements/" + uai + "/acces-eleves/notification/confirmation";
        }
        try {
            String job = notifications.notifyStudents(uai, !ALL.equals(view), division, mef, user());
            return "redirect:/etablissements/" + uai + "/notifications/" + job;
        } catch (NotificationRefused e) {
            return backToStudents(uai, e, view, division, mef, redirect);
        }
    }

    private static String backToStudents(String uai, NotificationRefused e, String view, String division, String mef,
                                         RedirectAttributes redirect) {
        redirect.addFlashAttribute("error", e.getMessage());
        selection(redirect, view, division, mef);
        return "redirect:/etablissements/" + uai + "/acces-eleves/notification";
    }

    private static void selection(RedirectAttributes redirect, String view, String division, String mef) {
        redirect.addAttribute("vue", view);
        redirect.addAttribute("division", division == null ? "" : division);
        redirect.addAttribute("mef", mef == null ? "" : mef);
    }

    private static String confirmation(String view, String division, String mef, Model model) {
        model.addAttribute("view", ALL.equals(view) ? ALL : NOT_NOTIFIED);
        model.addAttribute("division", blank(division) ? "" : division.strip());
        model.addAttribute("mef", blank(mef) ? "" : mef.strip());
        return "notification/confirmation";
    }

    // ------------------------------------------------------------------ a job: progress, summary, PDF

    @GetMapping("/etablissements/{uai}/notifications/{id}")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    String job(@PathVariable String uai, @PathVariable String id, Model model) {
        JobView job = job(uai, id);
        boolean students = job.kind() == CodeKind.CAE;
        frame(uai, students ? "eleves-acces" : "responsables", students ? STUDENT_PAGES : GUARDIAN_PAGES, model);
        model.addAttribute("job", job);
        return "notification/job";
    }

    /** The progress bar's source. */
    @GetMapping("/etablissements/{uai}/notifications/{id}/avancement")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @ResponseBody
    JobView progress(@PathVariable String uai, @PathVariable String id) {
        return job(uai, id);
    }

    @GetMapping("/etablissements/{uai}/notifications/{id}/pdf")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    ResponseEntity<Resource> pdf(@PathVariable String uai, @PathVariable String id) {
        JobView job = job(uai, id);
        NotificationPdfs.Stored pdf = jobs.pdf(id);
        if (pdf == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Cette notification n'a pas (ou pas encore) de PDF.");
        }
        return NotificationsApi.storedPdfResponse(pdf, "courriers-" + job.kind().name().toLowerCase() + "-" + uai + ".pdf");
    }

    // ------------------------------------------------------------------ C3 / E3 « Notifier code »

    @PostMapping("/etablissements/{uai}/responsables/couples/{linkId}/notification")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    Object notifyCouple(@PathVariable String uai, @PathVariable long linkId, @RequestParam(name = "canal", required = false) Channel channel,
                        RedirectAttributes redirect) {
        String back = "redirect:/etablissements/" + uai + "/responsables/couples/" + linkId;
        try {
            Notifications.Individual done = notifications.notifyCouple(uai, linkId, channel, user());
            if (done.pdf() == null) {
                redirect.addFlashAttribute("message", "Le courriel de notification est en cours d'envoi ; la date de notification "
                        + "du code sera mise à jour dès qu'il sera parti.");
                return back;
            }
            return NotificationsApi.pdfResponse(new ByteArrayResource(done.pdf()), "courrier-responsable-" + linkId + ".pdf");
        } catch (NotificationRefused e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return back;
        }
    }

    @PostMapping("/etablissements/{uai}/acces-eleves/codes/{eleveId}/notification")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    Object notifyStudent(@PathVariable String uai, @PathVariable String eleveId, RedirectAttributes redirect) {
        try {
            Notifications.Individual done = notifications.notifyStudent(uai, eleveId, user());
            return NotificationsApi.pdfResponse(new ByteArrayResource(done.pdf()), "courrier-eleve-" + eleveId + ".pdf");
        } catch (NotificationRefused e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/etablissements/" + uai + "/acces-eleves/codes/" + eleveId;
        }
    }

    // ------------------------------------------------------------------ common

    private JobView job(String uai, String id) {
        JobView job = jobs.job(id);
        if (job == null || !job.uai().equals(uai)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Cette notification n'existe pas.");
        }
        return job;
    }

    private Establishment frame(String uai, String active, List<CodeSections.Page> pages, Model model) {
        Establishment e = establishments.get(uai);
        model.addAttribute("establishment", e);
        model.addAttribute("active", active);
        model.addAttribute("pages", pages);
        model.addAttribute("mefLabels", codes.mefLabels(uai));
        model.addAttribute("anOpenService", !opening.openServices(uai).isEmpty());
        return e;
    }

    private static <T> void filters(List<T> every, Function<T, String> division, Function<T, String> mef, Model model) {
        model.addAttribute("divisions", every.stream().map(division).filter(Objects::nonNull)
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        Map<String, String> mefs = new TreeMap<>();
        every.stream().map(mef).filter(Objects::nonNull).forEach(m -> mefs.put(m, m));
        model.addAttribute("mefs", mefs.keySet());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String user() {
        var u = EstablishmentAccess.currentUser();
        return u == null ? null : u.username();
    }
}
