package fr.adminteleservices.codes;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.siecle.SiecleImported;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * CAEs (§5, E1, E3, G5): a present student always has exactly one valid CAE. The SIECLE import
 * creates it for new students and new entry periods and invalidates it when the student leaves (the
 * couples' CARs too, or when SIECLE ends a couple's link);
 * "Nouveau code" replaces it; an expired one is replaced at once.
 */
@Service
public class StudentCodes {

    static final String LEFT = "Départ de l'élève";
    static final String LINK_ENDED = "Le responsable n'est plus lié à l'élève dans SIECLE";
    static final String REPLACED = "Remplacé par un nouveau code";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final CodeMapper mapper;
    private final SqlSessionTemplate batch;
    private final CodeMapper batchMapper;
    private final CodeSecrets secrets;
    private final EstablishmentService establishments;
    private final CodeLifecycles lifecycles;
    private final Clock clock;

    StudentCodes(CodeMapper mapper, SqlSessionFactory sessions, CodeSecrets secrets, EstablishmentService establishments,
                 CodeLifecycles lifecycles, Clock clock) {
        this.mapper = mapper;
        this.batch = new SqlSessionTemplate(sessions, ExecutorType.BATCH);
        this.batchMapper = batch.getMapper(CodeMapper.class);
        this.secrets = secrets;
        this.establishments = establishments;
        this.lifecycles = lifecycles;
        this.clock = clock;
    }

    /**
     * After each SIECLE import, in its transaction: leavers lose their CAE, every present student without
     * one gets it. The import's transaction works with a batch session, so this does too.
     */
    @EventListener
    public void afterImport(SiecleImported event) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        List<CodeMapper.LeftCae> leavers = batchMapper.findCaesOfLeftStudents(event.uai(), today);
        for (CodeMapper.LeftCae cae : leavers) {
            batchMapper.invalidateStudentCode(cae.id(), now, LEFT);
            // G4: in the import's transaction, the portal stops accepting it at once
            batchMapper.revokeReplicatedStudentCode(cae.id());
            event.codes().caeInvalidated(cae.studentId(), LEFT);
        }
        // the couples' CARs end with the student's schooling or the SIECLE link
        List<CodeMapper.EndedCar> endedCars = batchMapper.findCarsOfEndedCouples(event.uai(), today);
        for (CodeMapper.EndedCar car : endedCars) {
            batchMapper.invalidateGuardianCode(car.id(), now, car.studentLeft() ? LEFT : LINK_ENDED);
            batchMapper.revokeReplicatedGuardianCode(car.id());
            event.codes().carInvalidated(car.studentId(), car.guardianId(), car.studentLeft() ? LEFT : LINK_ENDED);
        }
        List<Long> students = batchMapper.findStudentsWithoutCae(event.uai(), today);
        if (!students.isEmpty()) {
            String generationId = UUID.randomUUID().toString();
            batchMapper.insertGeneration(generationId, event.uai(), CodeKind.CAE, event.importedBy(), now, students.size());
            for (Long studentId : students) {
                batchMapper.insertStudentCode(newCode(event.uai(), studentId, generationId, now));
                event.codes().caeCreated(studentId);
            }
            lifecycles.generationCreated(event.uai(), generationId, CodeKind.CAE);
        }
        batch.flushStatements();
        leavers.forEach(cae -> lifecycles.caeInvalidated(cae.id(), LEFT));
        endedCars.forEach(car -> lifecycles.carInvalidated(car.id(), car.studentLeft() ? LEFT : LINK_ENDED));
    }

    /** Who has a valid CAE and who refused, for the list of students (two queries, whatever its length). */
    public AccessStates accessStates(String uai) {
        establishments.get(uai);
        return new AccessStates(java.util.Set.copyOf(mapper.findEleveIdsWithValidCae(uai)),
                java.util.Set.copyOf(mapper.findEleveIdsRefused(uai)));
    }

    public record AccessStates(java.util.Set<String> withValidCode, java.util.Set<String> refused) {
    }

    public StudentView student(String uai, String eleveId) {
        CodeMapper.StudentRow s = row(uai, eleveId);
        CodeMapper.CodeRow valid = mapper.findValidStudentCode(uai, s.id());
        return new StudentView(s.id(), s.eleveId(), s.lastName(), s.firstName(), s.division(), s.mef(), s.present(), s.refused(),
                valid != null);
    }

    /** E3: the student's CAEs, newest first. */
    public List<CodeHistoryEntry> history(String uai, String eleveId) {
        CodeMapper.StudentRow s = row(uai, eleveId);
        return GuardianCodes.withReveals(mapper, uai, CodeKind.CAE,
                mapper.findStudentCodes(uai, s.id()).stream().map(GuardianCodes::entry).toList());
    }

    /** E3 "Nouveau code": the valid CAE is invalidated and a new one created. */
    @Transactional
    public CodeHistoryEntry newCode(String uai, String eleveId, String by) {
        CodeMapper.StudentRow s = row(uai, eleveId);
        if (!s.present()) {
            throw new CodeRefused(HttpStatus.CONFLICT, "L'élève a quitté l'établissement : il n'a plus de code d'activation.");
        }
        Instant now = clock.instant();
        CodeMapper.CodeRow valid = mapper.findValidStudentCode(uai, s.id());
        if (valid != null) {
            invalidate(valid.id(), REPLACED, now);
        }
        String generationId = UUID.randomUUID().toString();
        mapper.insertGeneration(generationId, uai, CodeKind.CAE, by, now, 1);
        mapper.insertStudentCode(newCode(uai, s.id(), generationId, now));
        lifecycles.generationCreated(uai, generationId, CodeKind.CAE);
        return GuardianCodes.entry(mapper.findValidStudentCode(uai, s.id()));
    }

    /** G5: an expired CAE is replaced at once (the lifecycle's expiry step). Returns the new code's id, or null. */
    @Transactional
    public Long replaceExpired(long codeId, String reason) {
        CodeMapper.StudentCodeOwner owner = mapper.findStudentCodeOwner(codeId);
        Instant now = clock.instant();
        if (owner == null || mapper.invalidateStudentCode(codeId, now, reason) == 0) {
            return null;
        }
        // G4: the portal stops accepting it now, not after the night's replication
        mapper.revokeReplicatedStudentCode(codeId);
        if (!owner.present()) {
            return null;
        }
        CodeMapper.NewCode code = newCode(owner.uai(), owner.studentId(), null, now);
        code.generationId = null;
        mapper.insertStudentCode(code);
        CodeMapper.CodeRow created = mapper.findValidStudentCode(owner.uai(), owner.studentId());
        return created.id();
    }

    /** "Enlever l'accès" for the student (coupon "pour l'élève"): no national téléservices, the CAE stays valid. */
    @Transactional
    public void refuse(String uai, String eleveId, String by) {
        CodeMapper.StudentRow s = row(uai, eleveId);
        if (!s.refused()) {
            mapper.insertRefusal(uai, "STUDENT", null, s.id(), clock.instant(), by, "S" + s.id());
        }
    }

    @Transactional
    public void withdrawRefusal(String uai, String eleveId, String by) {
        CodeMapper.StudentRow s = row(uai, eleveId);
        mapper.withdrawRefusal("S" + s.id(), clock.instant(), by);
    }

    @Transactional
    public CodeValue reveal(String uai, String eleveId, long codeId, String by) {
        CodeMapper.StudentRow s = row(uai, eleveId);
        CodeMapper.CodeRow code = mapper.findStudentCode(uai, codeId);
        if (code == null || code.linkId() != s.id()) {
            throw new CodeRefused(HttpStatus.NOT_FOUND, "Ce code n'existe pas pour cet élève.");
        }
        mapper.insertReveal(uai, CodeKind.CAE, codeId, clock.instant(), by);
        return secrets.decrypt(code.encryptedValue());
    }

    private CodeMapper.StudentRow row(String uai, String eleveId) {
        establishments.get(uai);
        CodeMapper.StudentRow s = mapper.findStudent(uai, eleveId, LocalDate.now(clock));
        if (s == null) {
            throw new CodeRefused(HttpStatus.NOT_FOUND, "L'élève " + eleveId + " n'existe pas dans l'établissement " + uai + ".");
        }
        return s;
    }

    private void invalidate(long codeId, String reason, Instant now) {
        if (mapper.invalidateStudentCode(codeId, now, reason) > 0) {
            // G4: an account stops reaching the student at once, not after the night's replication
            mapper.revokeReplicatedStudentCode(codeId);
            lifecycles.caeInvalidated(codeId, reason);
        }
    }

    private CodeMapper.NewCode newCode(String uai, long studentId, String generationId, Instant now) {
        return CodeMapper.NewCode.random(secrets, uai, studentId, generationId, now);
    }

    /** A student as the CAE screens show them. {@code refused}: the coupon "pour l'élève" removed the national téléservices. */
    public record StudentView(long id, String eleveId, String lastName, String firstName, String division, String mef,
                              boolean present, boolean refused, boolean hasValidCode) {
    }
}
