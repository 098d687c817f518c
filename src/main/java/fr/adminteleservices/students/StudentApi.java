package fr.adminteleservices.students;

import fr.adminteleservices.establishment.EstablishmentService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Élèves", description = "Élèves d'un établissement (issus de SIECLE)")
class StudentApi {

    private final StudentDirectory directory;
    private final EstablishmentService establishments;

    StudentApi(StudentDirectory directory, EstablishmentService establishments) {
        this.directory = directory;
        this.establishments = establishments;
    }

    @Operation(summary = "Élèves de l'établissement, y compris ceux qui sont partis (leftOn renseigné)")
    @GetMapping("/api/establishments/{uai}/students")
    @PreAuthorize("@establishmentAccess.check(#uai)")
    List<StudentSummary> students(@PathVariable String uai,
                                  @RequestParam(required = false) String division,
                                  @RequestParam(required = false) String mef) {
        establishments.get(uai);
        return directory.students(uai, division, mef, true);
    }
}
