package fr.adminteleservices.codes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface CodeMapper {

    List<CoupleRow> findCouples(@Param("uai") String uai, @Param("f") CoupleFilter filter,
                                @Param("linkIds") Collection<Long> linkIds);

    CoupleRow findCouple(@Param("uai") String uai, @Param("linkId") long linkId);

    /** The current link between a student and a person, by their SIECLE identifiers. */
    Long findLinkId(@Param("uai") String uai, @Param("eleveId") String eleveId, @Param("personneId") String personneId);

    /** Demo only: the establishment's codes not usable yet become created yesterday, usable today (R2). */
    int backdateGuardianCodes(@Param("uai") String uai, @Param("createdAt") Instant createdAt, @Param("today") LocalDate today);

    int backdateStudentCodes(@Param("uai") String uai, @Param("createdAt") Instant createdAt, @Param("today") LocalDate today);

    /** One CAR; {@code validLinkId} = linkId makes it the couple's valid code (unique in the database). */
    void insertGuardianCode(NewCode code);

    List<CodeRow> findGuardianCodes(@Param("uai") String uai, @Param("linkId") long linkId);

    CodeRow findGuardianCode(@Param("uai") String uai, @Param("id") long id);

    CodeRow findValidGuardianCode(@Param("uai") String uai, @Param("linkId") long linkId);

    int invalidateGuardianCode(@Param("id") long id, @Param("at") Instant at, @Param("reason") String reason);

    void insertRefusal(@Param("uai") String uai, @Param("kind") String kind, @Param("linkId") Long linkId,
                       @Param("studentId") long studentId, @Param("at") Instant at, @Param("by") String by,
                       @Param("activeKey") String activeKey);

    int withdrawRefusal(@Param("activeKey") String activeKey, @Param("at") Instant at, @Param("by") String by);

    int countActiveRefusal(@Param("activeKey") String activeKey);

    void insertReveal(@Param("uai") String uai, @Param("kind") CodeKind kind, @Param("codeId") long codeId,
                      @Param("at") Instant at, @Param("by") String by);

    void insertGeneration(@Param("id") String id, @Param("uai") String uai, @Param("kind") CodeKind kind,
                          @Param("by") String by, @Param("at") Instant at, @Param("codes") int codes);

    GenerationRow findGeneration(@Param("uai") String uai, @Param("id") String id);

    /** Codes of a generation whose lifecycle process is not started yet, still valid. */
    List<Long> findGuardianCodesToStart(@Param("generationId") String generationId, @Param("limit") int limit);

    int markGuardianCodesStarted(@Param("ids") Collection<Long> ids);

    /** Codes of the generation that became invalid before their lifecycle started: nothing to wait for. */
    int markInvalidGuardianCodesStarted(@Param("generationId") String generationId);

    int countGuardianCodesToStart(@Param("generationId") String generationId);

    void addLifecyclesStarted(@Param("id") String id, @Param("count") int count);

    void updateGenerationCodes(@Param("id") String id, @Param("codes") int codes);

    void finishGeneration(@Param("id") String id, @Param("at") Instant at);

    /** Generations requested before {@code before} whose lifecycles are not all started, not taken over since then. */
    List<GenerationRow> findUnfinishedGenerations(@Param("before") Instant before);

    /** Marks the generation taken over; 0 when another node did since {@code before}. */
    int claimUnfinishedGeneration(@Param("id") String id, @Param("now") Instant now, @Param("before") Instant before);

    /** The codes a generation actually wrote (CAR or CAE). */
    int countGenerationCodes(@Param("id") String id, @Param("kind") CodeKind kind);

    /** Removes an invalidated code from the téléservices side at once (revocations do not wait for the night). */
    int revokeReplicatedGuardianCode(@Param("id") long id);

    int revokeReplicatedStudentCode(@Param("id") long id);

    int markGuardianCodeContinuity(@Param("id") long id, @Param("on") LocalDate on);

    int markStudentCodeContinuity(@Param("id") long id, @Param("on") LocalDate on);

    int markGuardianCodeUsed(@Param("id") long id, @Param("at") Instant at);

    int markStudentCodeUsed(@Param("id") long id, @Param("at") Instant at);

    /** The codes' « Date de notification »: the day their letter was printed or their e-mail sent. */
    int markNotified(@Param("kind") CodeKind kind, @Param("ids") java.util.Collection<Long> ids, @Param("on") LocalDate on);

    // --- CAEs (§5) ---

    StudentRow findStudent(@Param("uai") String uai, @Param("eleveId") String eleveId, @Param("today") LocalDate today);

    void insertStudentCode(NewCode code);

    List<CodeRow> findStudentCodes(@Param("uai") String uai, @Param("studentId") long studentId);

    CodeRow findStudentCode(@Param("uai") String uai, @Param("id") long id);

    CodeRow findValidStudentCode(@Param("uai") String uai, @Param("studentId") long studentId);

    int invalidateStudentCode(@Param("id") long id, @Param("at") Instant at, @Param("reason") String reason);

    /** Present students without a valid CAE: new students, new entry periods (E1). */
    List<Long> findStudentsWithoutCae(@Param("uai") String uai, @Param("today") LocalDate today);

    /** Valid CARs of couples whose student left: id → true; or whose link ended in SIECLE: id → false. */
    List<EndedCar> findCarsOfEndedCouples(@Param("uai") String uai, @Param("today") LocalDate today);

    record EndedCar(long id, boolean studentLeft, long studentId, long guardianId) {
    }

    /** Valid CAEs of students who left (DATE_SORTIE, or no longer in the export). */
    List<LeftCae> findCaesOfLeftStudents(@Param("uai") String uai, @Param("today") LocalDate today);

    record LeftCae(long id, long studentId) {
    }

    List<Long> findStudentCodesToStart(@Param("generationId") String generationId, @Param("limit") int limit);

    int markStudentCodesStarted(@Param("ids") Collection<Long> ids);

    int markInvalidStudentCodesStarted(@Param("generationId") String generationId);

    int countStudentCodesToStart(@Param("generationId") String generationId);

    /** ELEVE_IDs of the establishment's students who have a valid CAE (the students' list). */
    List<String> findEleveIdsWithValidCae(@Param("uai") String uai);

    /** ELEVE_IDs of the students whose access was removed by a coupon "pour l'élève". */
    List<String> findEleveIdsRefused(@Param("uai") String uai);

    /** MEF codes and their labels from the establishment's nomenclature, for the filters. */
    List<MefLabel> findMefLabels(@Param("uai") String uai);

    record MefLabel(String code, String label) {
    }

    /** The student a CAE belongs to, for the replacement of an expired one. */
    StudentCodeOwner findStudentCodeOwner(@Param("id") long id);

    record StudentRow(long id, String eleveId, String lastName, String firstName, String division, String mef,
                      boolean present, boolean refused) {
    }

    record StudentCodeOwner(long studentId, String uai, boolean present) {
    }

    /** The filters of the couples' list (C1). */
    /**
     * {@code namePrefix}: the names starting with what the head typed, as a LIKE pattern whose wildcards are
     * escaped with '!' (a typed « % » or « _ » is a character, not « anything »).
     */
    record CoupleFilter(boolean withoutValidCode, String division, String mef, String namePrefix, LocalDate today) {

        static CoupleFilter of(boolean withoutValidCode, String division, String mef, String name, LocalDate today) {
            String prefix = name == null ? null
                    : name.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            return new CoupleFilter(withoutValidCode, division, mef, prefix, today);
        }
    }

    record CoupleRow(long linkId, Integer legalRank, long studentId, String eleveId, String studentLastName,
                     String studentFirstName, String division, String mef, long guardianId, String personneId,
                     String civility, String guardianLastName, String guardianFirstName, String email, Long validCodeId,
                     LocalDate notifiedOn, LocalDate continuityOn, boolean refused) {
    }

    /** Who was shown the values of these codes, and when, newest first. */
    List<RevealRow> findReveals(@Param("uai") String uai, @Param("kind") CodeKind kind, @Param("codeIds") java.util.Collection<Long> codeIds);

    record RevealRow(long codeId, Instant revealedAt, String revealedBy) {
    }

    record CodeRow(long id, String encryptedValue, String hint, Instant createdAt, LocalDate validFrom, Long validLinkId,
                   Instant invalidatedAt, String invalidationReason, LocalDate notifiedOn, LocalDate continuityOn,
                   Instant usedAt, long linkId) {
    }

    record GenerationRow(String id, String uai, CodeKind kind, String requestedBy, Instant requestedAt, int codes,
                         int lifecyclesStarted, Instant lifecyclesDoneAt) {
    }

    /** A code to insert; {@code id} is set by the database. */
    class NewCode {

        private static final java.time.ZoneId PARIS = java.time.ZoneId.of("Europe/Paris");

        /**
         * A new random code of a couple ({@code ownerId}: the link) or a student, stored encrypted with its keyed hash;
         * R2: the replication of the coming night makes it usable from tomorrow.
         */
        static NewCode random(CodeSecrets secrets, String uai, long ownerId, String generationId, Instant now) {
            CodeValue value = CodeValue.random();
            NewCode code = new NewCode();
            code.uai = uai;
            code.ownerId = ownerId;
            code.generationId = generationId;
            code.lookupHash = secrets.lookupHash(value);
            code.encryptedValue = secrets.encrypt(value);
            code.hint = value.hint();
            code.createdAt = now;
            code.validFrom = now.atZone(PARIS).toLocalDate().plusDays(1);
            return code;
        }

        public Long id;
        public String uai;
        public long ownerId;
        public String generationId;
        public String lookupHash;
        public String encryptedValue;
        public String hint;
        public Instant createdAt;
        public LocalDate validFrom;
    }
}
