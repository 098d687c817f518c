package fr.adminteleservices.codes;

import fr.adminteleservices.security.Directory;
import fr.adminteleservices.security.Roles;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Service task "Enregistrer le refus" of {@code processes/refus-coupon.bpmn}: a head records a
 * returned refusal coupon from Tasklist. The start form names the establishment, the student and,
 * for a refusal "pour moi-même", the guardian; a head may only do so for their own establishment.
 */
@Component("refusalCoupon")
class RefusalCoupon implements JavaDelegate, ApplicationRunner {

    static final String PROCESS = "refus-coupon";

    private final GuardianCodes guardianCodes;
    private final StudentCodes studentCodes;
    private final CodeMapper mapper;
    private final Directory directory;

    RefusalCoupon(GuardianCodes guardianCodes, StudentCodes studentCodes, CodeMapper mapper, Directory directory) {
        this.guardianCodes = guardianCodes;
        this.studentCodes = studentCodes;
        this.mapper = mapper;
        this.directory = directory;
    }

    /** Heads start this process from Tasklist. */
    @Override
    public void run(ApplicationArguments args) {
        directory.letHeadsStart(PROCESS);
    }

    @Override
    public void execute(DelegateExecution execution) {
        String uai = text(execution, "uai");
        String eleveId = text(execution, "eleveId");
        String personneId = text(execution, "personneId");
        boolean forGuardian = Boolean.TRUE.equals(execution.getVariable("pourMoiMeme"));
        boolean forStudent = Boolean.TRUE.equals(execution.getVariable("pourEleve"));
        Authentication who = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String by = who == null ? "tasklist" : who.getUserId();
        if (who != null && !(who.getGroupIds() != null && who.getGroupIds().contains(Roles.ACADEMY_ADMINS_GROUP))
                && (who.getTenantIds() == null || !who.getTenantIds().contains(uai))) {
            throw new CodeRefused(org.springframework.http.HttpStatus.FORBIDDEN,
                    "Vous n'avez pas accès à l'établissement " + uai + ".");
        }
        if (!forGuardian && !forStudent) {
            throw new CodeRefused(org.springframework.http.HttpStatus.BAD_REQUEST,
                    "Cochez au moins une case du coupon : refus « pour moi-même » ou « pour l'élève ».");
        }
        StudentCodes.StudentView student = studentCodes.student(uai, eleveId);
        if (forGuardian) {
            if (personneId == null) {
                throw new CodeRefused(org.springframework.http.HttpStatus.BAD_REQUEST,
                        "Pour un refus « pour moi-même », indiquez l'identifiant du responsable (PERSONNE_ID).");
            }
            long linkId = guardianCodes.linkId(uai, eleveId, personneId)
                    .orElseThrow(() -> new CodeRefused(org.springframework.http.HttpStatus.NOT_FOUND, "Le responsable "
                            + personneId + " n'est pas responsable de l'élève " + eleveId + " dans l'établissement " + uai + "."));
            guardianCodes.refuse(uai, linkId, by);
            execution.setVariable("linkId", linkId);
        }
        if (forStudent) {
            studentCodes.refuse(uai, eleveId, by);
        }
        execution.setVariable("eleve", student.lastName() + " " + student.firstName());
    }

    private static String text(DelegateExecution execution, String name) {
        Object v = execution.getVariable(name);
        return v instanceof String s && !s.isBlank() ? s.strip() : null;
    }
}
