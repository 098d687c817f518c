package fr.adminteleservices.enrolment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Téléinscription")
class EnrolmentApi {

    private final Teleinscription teleinscription;

    EnrolmentApi(Teleinscription teleinscription) {
        this.teleinscription = teleinscription;
    }

    @GetMapping("/api/establishments/{uai}/teleinscription")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    @Operation(summary = "La téléinscription de l'établissement : options de seconde GT d'un lycée participant et inscriptions "
            + "terminées, ou suivi des élèves d'un collège d'origine participant avec les effectifs par état")
    EnrolmentAnswer teleinscription(@PathVariable String uai) {
        Teleinscription.EstablishmentView v = teleinscription.view(uai);
        List<MefOptions> options = v.profile() == null ? null : v.profile().mefs().stream()
                .map(m -> new MefOptions(m.code(), m.label(), m.groups().stream()
                        .map(g -> new GroupOptions(g.category().name(), g.category().label(), g.rank(), g.required(),
                                g.options().stream().map(o -> new OptionItem(o.code(), o.label())).toList()))
                        .toList()))
                .toList();
        List<Completed> completed = v.profile() == null ? null : v.completed().stream()
                .map(c -> new Completed(c.enrolment().lastName(), c.enrolment().firstName(), c.enrolment().collegeUai(),
                        c.enrolment().mefCode(), c.enrolment().completedAt(),
                        c.choices().stream().map(x -> new OptionItem(x.subjectCode(), x.label())).toList()))
                .toList();
        FollowUp followUp = null;
        if (v.followUp() != null) {
            Map<String, Long> counts = new LinkedHashMap<>();
            v.followUp().counts().forEach((state, n) -> counts.put(state.name(), n));
            followUp = new FollowUp(counts, v.followUp().students().stream()
                    .map(s -> new Student(s.lastName(), s.firstName(), s.division(), s.lyceeUai(), s.lyceeName(), s.mefCode(),
                            s.state(), EnrolmentState.valueOf(s.state()).label()))
                    .toList());
        }
        return new EnrolmentAnswer(uai, v.establishment().kind().name(), v.takesPart(), v.window().state().name(),
                v.window().opensOn(), v.window().endsOn(), v.message(), options, completed, followUp, v.serviceOpen());
    }

    /** {@code serviceOpen}: the establishment's service « Téléinscription » is open; families enrol only then. */
    record EnrolmentAnswer(String uai, String kind, boolean takesPart, String window, LocalDate opensOn, LocalDate endsOn,
                           String message, List<MefOptions> options, List<Completed> completed, FollowUp followUp,
                           boolean serviceOpen) {
    }

    record MefOptions(String mefCode, String label, List<GroupOptions> groups) {
    }

    record GroupOptions(String category, String categoryLabel, Integer rank, boolean required, List<OptionItem> options) {
    }

    record OptionItem(String code, String label) {
    }

    record Completed(String lastName, String firstName, String collegeUai, String mefCode, Instant completedAt,
                     List<OptionItem> choices) {
    }

    record FollowUp(Map<String, Long> counts, List<Student> students) {
    }

    record Student(String lastName, String firstName, String division, String lyceeUai, String lyceeName, String mefCode,
                   String state, String stateLabel) {
    }
}
