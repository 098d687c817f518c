package fr.adminteleservices.notification;

import fr.adminteleservices.security.EstablishmentAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Notification des codes")
class NotificationsApi {

    private final Notifications notifications;
    private final NotificationPreviews previews;
    private final NotificationJobs jobs;
    private final EstablishmentAccess access;

    NotificationsApi(Notifications notifications, NotificationPreviews previews, NotificationJobs jobs, EstablishmentAccess access) {
        this.notifications = notifications;
        this.previews = previews;
        this.jobs = jobs;
        this.access = access;
    }

    /**
     * {@code confirmed}: the guide asks for a confirmation before a mass notification starts (§4.2, §5.1).
     * Without {@code "confirmed": true} nothing starts: the answer is 428 with what the notification would
     * do ({@code preview}); send the same request again with {@code "confirmed": true} to start it.
     */
    record GuardianRequest(Set<Channel> channels, Boolean onlyNotNotified, String division, String mef, Boolean confirmed) {
    }

    record StudentRequest(Boolean onlyNotNotified, String division, String mef, Boolean confirmed) {
    }

    record ChannelRequest(Channel channel) {
    }

    @PostMapping("/api/establishments/{uai}/guardian-notifications")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "Notifie en masse les CAR valides (courriel et / ou papier) ; 202 avec l'identifiant de la tâche à suivre",
            description = "Demande confirmée : sans \"confirmed\": true, rien ne part et la réponse est 428 avec ce que ferait la "
                    + "notification (preview : couples, canaux, courriels, courriers, non notifiés) ; renvoyer la même demande "
                    + "avec \"confirmed\": true pour la lancer.")
    ResponseEntity<Map<String, Object>> notifyGuardians(@PathVariable String uai, @RequestBody GuardianRequest request) {
        boolean onlyNotNotified = !Boolean.FALSE.equals(request.onlyNotNotified());
        if (!Boolean.TRUE.equals(request.confirmed())) {
            NotificationPreviews.GuardianPreview preview = previews.previewGuardians(uai, channels(request.channels()), onlyNotNotified,
                    request.division(), request.mef());
            return confirmationRequired(preview.couples() + " couple(s) élève / responsable seraient notifiés ("
                    + preview.byEmail() + " par courriel, " + preview.onPaper() + " sur papier" + (preview.notNotified() > 0
                    ? ", " + preview.notNotified() + " sans adresse électronique non notifiés" : "") + ").", preview);
        }
        String id = notifications.notifyGuardians(uai, channels(request.channels()), onlyNotNotified, request.division(), request.mef(),
                user());
        return accepted(id);
    }

    @PostMapping("/api/establishments/{uai}/student-notifications")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "Notifie en masse les CAE valides (papier) ; les élèves mineurs dont les responsables n'ont pas été notifiés sont écartés",
            description = "Demande confirmée : sans \"confirmed\": true, rien ne part et la réponse est 428 avec ce que ferait la "
                    + "notification (preview : élèves, courriers, élèves écartés et pourquoi) ; renvoyer la même demande avec "
                    + "\"confirmed\": true pour la lancer.")
    ResponseEntity<Map<String, Object>> notifyStudents(@PathVariable String uai, @RequestBody(required = false) StudentRequest request) {
        StudentRequest r = request == null ? new StudentRequest(true, null, null, false) : request;
        boolean onlyNotNotified = !Boolean.FALSE.equals(r.onlyNotNotified());
        if (!Boolean.TRUE.equals(r.confirmed())) {
            NotificationPreviews.StudentPreview preview = previews.previewStudents(uai, onlyNotNotified, r.division(), r.mef());
            return confirmationRequired(preview.students() + " élève(s) sélectionné(s) : " + preview.letters() + " courrier(s) papier, "
                    + preview.heldBack().size() + " élève(s) écarté(s).", preview);
        }
        String id = notifications.notifyStudents(uai, onlyNotNotified, r.division(), r.mef(), user());
        return accepted(id);
    }

    private static Set<Channel> channels(Set<Channel> asked) {
        return asked == null ? Set.of() : asked;
    }

    private static ResponseEntity<Map<String, Object>> confirmationRequired(String summary, Object preview) {
        return ResponseEntity.status(HttpStatus.PRECONDITION_REQUIRED).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", 428, "confirmationRequired", true,
                        "message", summary + " Rien n'est parti : renvoyez la même demande avec \"confirmed\": true pour lancer la notification.",
                        "preview", preview));
    }

    @GetMapping("/api/notification-jobs/{id}")
    @Operation(summary = "L'avancement et le bilan d'une notification : envoyés, imprimés, écartés et pourquoi, lien du PDF")
    JobView job(@PathVariable String id) {
        JobView job = jobs.job(id);
        if (job == null) {
            throw new NotificationRefused(HttpStatus.NOT_FOUND, "Cette notification n'existe pas.");
        }
        access.check(job.uai());
        return job;
    }

    @GetMapping(value = "/api/notification-jobs/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "Le PDF des courriers papier d'une notification terminée")
    ResponseEntity<Resource> pdf(@PathVariable String id) {
        JobView job = job(id);
        NotificationPdfs.Stored pdf = jobs.pdf(id);
        if (pdf == null) {
            throw new NotificationRefused(HttpStatus.NOT_FOUND, "Cette notification n'a pas (ou pas encore) de PDF.");
        }
        return storedPdfResponse(pdf, "courriers-" + job.kind().name().toLowerCase() + "-" + job.uai() + ".pdf");
    }

    @PostMapping("/api/establishments/{uai}/guardian-links/{linkId}/notifications")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "Notifie le code valide d'un couple : le PDF du courrier (PAPER) ou 202 (EMAIL) ; 409 avec la raison sinon")
    ResponseEntity<?> notifyCouple(@PathVariable String uai, @PathVariable long linkId, @RequestBody ChannelRequest request) {
        Notifications.Individual done = notifications.notifyCouple(uai, linkId, request == null ? null : request.channel(), user());
        if (done.pdf() == null) {
            return accepted(done.jobId());
        }
        return pdfResponse(new org.springframework.core.io.ByteArrayResource(done.pdf()), "courrier-responsable-" + linkId + ".pdf");
    }

    @PostMapping("/api/establishments/{uai}/students/{eleveId}/notifications")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "Notifie le CAE valide d'un élève : le PDF du courrier ; 409 avec la raison sinon (responsables à notifier d'abord)")
    ResponseEntity<?> notifyStudent(@PathVariable String uai, @PathVariable String eleveId) {
        Notifications.Individual done = notifications.notifyStudent(uai, eleveId, user());
        return pdfResponse(new org.springframework.core.io.ByteArrayResource(done.pdf()), "courrier-eleve-" + eleveId + ".pdf");
    }

    @GetMapping("/api/establishments/{uai}/guardian-links/{linkId}/notifications")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "Les notifications des codes d'un couple : quand, par qui, courriel ou papier, courrier normal ou de continuité")
    java.util.List<NotificationJobs.NotificationRecord> coupleHistory(@PathVariable String uai, @PathVariable long linkId) {
        return jobs.coupleHistory(uai, linkId);
    }

    @GetMapping("/api/establishments/{uai}/students/{eleveId}/notifications")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "Les notifications des codes d'un élève")
    java.util.List<NotificationJobs.NotificationRecord> studentHistory(@PathVariable String uai, @PathVariable String eleveId) {
        return jobs.studentHistory(uai, eleveId);
    }

    @ExceptionHandler(NotificationRefused.class)
    ResponseEntity<Map<String, Object>> refused(NotificationRefused e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", e.status().value(), "message", e.getMessage()));
    }

    private static ResponseEntity<Map<String, Object>> accepted(String id) {
        return ResponseEntity.accepted().location(URI.create("/api/notification-jobs/" + id))
                .body(Map.of("jobId", id, "job", "/api/notification-jobs/" + id));
    }

    /** A PDF kept in the database, streamed part by part (its length is known, the body is not buffered). */
    static ResponseEntity<Resource> storedPdfResponse(NotificationPdfs.Stored pdf, String filename) {
        return pdfHeaders(filename).contentLength(pdf.size()).body(new InputStreamResource(pdf.content()));
    }

    static ResponseEntity<Resource> pdfResponse(Resource pdf, String filename) {
        return pdfHeaders(filename).body(pdf);
    }

    private static ResponseEntity.BodyBuilder pdfHeaders(String filename) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private static String user() {
        var u = EstablishmentAccess.currentUser();
        return u == null ? null : u.username();
    }
}
