package fr.adminteleservices.codes;

import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.platform.FrenchOrder;
import fr.adminteleservices.opening.ServiceOpening;
import fr.adminteleservices.platform.RuleBook;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** CARs (§4.1, §4.3): the couples' list, mass generation, a couple's history, new code, refusal coupons. */
@Service
public class GuardianCodes {

    static final String RULES = "generation-eligibility";
    /** Codes written per transaction in a mass generation: a failure loses at most one chunk, which a retry redoes. */
    static final int CHUNK = 500;
    /** CodeMapper.xml's insertGuardianCode without reading back the generated ids, which a chunk does not need. */
    private static final String INSERT_IN_BATCH = CodeMapper.class.getName() + ".insertGuardianCodeInBatch";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final CodeMapper mapper;
    private final SqlSessionTemplate batch;
    private final CodeSecrets secrets;
    private final RuleBook rules;
    private final EstablishmentService establishments;
    private final ServiceOpening opening;
    private final CodeLifecycles lifecycles;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    GuardianCodes(CodeMapper mapper, SqlSessionFactory sessions, CodeSecrets secrets, RuleBook rules,
                  EstablishmentService establishments, ServiceOpening opening, CodeLifecycles lifecycles,
                  PlatformTransactionManager transactions, Clock clock) {
        this.mapper = mapper;
        this.batch = new SqlSessionTemplate(sessions, ExecutorType.BATCH);
        this.secrets = secrets;
        this.rules = rules;
        this.establishments = establishments;
        this.opening = opening;
        this.lifecycles = lifecycles;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** The couples of the establishment matching the filters, each with its D5 decision and reason. */
    public List<Couple> couples(String uai, boolean withoutValidCode, String division, String mef, String name) {
        establishments.get(uai);
        return decide(mapper.findCouples(uai, filter(withoutValidCode, division, mef, name), null));
    }

    /**
     * The most couples one generation request may name: the largest establishments have about 3,000 students,
     * so about 6,000 couples. More is a client's mistake or an attack (2 million ids cost 23 s and 0.8 GB before).
     */
    public static final int MAX_IDS = 10_000;

    static void requireFewIds(java.util.Collection<Long> ids) {
        if (ids != null && ids.size() > MAX_IDS) {
            throw new CodeRefused(org.springframework.http.HttpStatus.BAD_REQUEST, "Trop de couples dans une seule demande : "
                    + "10 000 au plus (" + ids.size() + " reçus). Utilisez « all » avec les filtres de division ou de MEF.");
        }
    }

    /**
     * C1: creates a CAR for every eligible couple among {@code linkIds} (or all couples matching the
     * filters), by chunks of {@value #CHUNK} per transaction. A retry after a failure creates no
     * second valid code: a couple that got one is no longer eligible, and the database refuses two.
     */
    public GenerationResult generate(String uai, List<Long> linkIds, boolean all, String division, String mef, String by) {
        establishments.get(uai);
        requireAnOpenService(uai);
        if (!all && (linkIds == null || linkIds.isEmpty())) {
            throw new CodeRefused(HttpStatus.BAD_REQUEST, "Cochez au moins un couple élève / responsable, ou demandez tous les couples.");
        }
        Set<Long> requested = all ? Set.of() : new LinkedHashSet<>(linkIds);
        List<Couple> couples = decide(mapper.findCouples(uai, filter(false, division, mef, null), all ? null : requested));
        List<GenerationResult.Skipped> skipped = new ArrayList<>();
        Map<Long, Couple> eligible = new LinkedHashMap<>();
        Set<Long> found = new LinkedHashSet<>();
        for (Couple c : couples) {
            found.add(c.linkId());
            if (c.eligible()) {
                eligible.put(c.linkId(), c);
            } else {
                skipped.add(new GenerationResult.Skipped(c.linkId(), c.reason()));
            }
        }
        requested.stream().filter(id -> !found.contains(id))
                .forEach(id -> skipped.add(new GenerationResult.Skipped(id, "Ce couple élève / responsable n'existe pas (ou plus) dans l'établissement.")));

        String generationId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        ownTransaction.executeWithoutResult(s -> mapper.insertGeneration(generationId, uai, CodeKind.CAR, by, now, eligible.size()));
        int created = 0;
        List<Long> pending = new ArrayList<>(eligible.keySet());
        for (int from = 0; from < pending.size(); from += CHUNK) {
            List<Long> chunk = pending.subList(from, Math.min(from + CHUNK, pending.size()));
            created += insertChunk(uai, generationId, chunk, now, skipped);
        }
        if (created > 0) {
            lifecycles.generationCreated(uai, generationId, CodeKind.CAR);
        } else {
            // nothing to start: the generation is over (its progress says so)
            int none = created;
            ownTransaction.executeWithoutResult(t -> {
                mapper.updateGenerationCodes(generationId, none);
                mapper.finishGeneration(generationId, clock.instant());
            });
        }
        if (created > 0 && created != eligible.size()) {
            int actual = created;
            ownTransaction.executeWithoutResult(t -> mapper.updateGenerationCodes(generationId, actual));
        }
        return new GenerationResult(generationId, created, skipped);
    }

    private int insertChunk(String uai, String generationId, List<Long> linkIds, Instant now, List<GenerationResult.Skipped> skipped) {
        try {
            return ownTransaction.execute(s -> {
                for (Long linkId : linkIds) {
                    batch.insert(INSERT_IN_BATCH, newCode(uai, linkId, generationId, now));
                }
                batch.flushStatements();
                return linkIds.size();
            });
        } catch (DuplicateKeyException e) {
            // another generation gave some of these couples a code meanwhile: one by one, keep the others
            int created = 0;
            for (Long linkId : linkIds) {
                try {
                    ownTransaction.executeWithoutResult(s -> mapper.insertGuardianCode(newCode(uai, linkId, generationId, now)));
                    created++;
                } catch (DuplicateKeyException again) {
                    skipped.add(new GenerationResult.Skipped(linkId, "Un code valide a été créé entre-temps pour ce couple."));
                }
            }
            return created;
        }
    }

    /** C3: the history of the couple's codes, newest first. */
    public List<CodeHistoryEntry> history(String uai, long linkId) {
        row(uai, linkId);
        return withReveals(mapper, uai, CodeKind.CAR, mapper.findGuardianCodes(uai, linkId).stream().map(GuardianCodes::entry).toList());
    }

    /** C3 "Nouveau code": invalidates the valid code first, then creates one. Refused while the guardian refuses the services. */
    @Transactional
    public CodeHistoryEntry newCode(String uai, long linkId, String by) {
        CodeMapper.CoupleRow couple = row(uai, linkId);
        requireAnOpenService(uai);
        GenerationCandidate decision = decide(couple, false);
        if (!decision.isEligible()) {
            throw new CodeRefused(HttpStatus.CONFLICT, decision.getReason());
        }
        Instant now = clock.instant();
        if (couple.validCodeId() != null) {
            invalidate(couple.validCodeId(), "Remplacé par un nouveau code", now);
        }
        String generationId = UUID.randomUUID().toString();
        mapper.insertGeneration(generationId, uai, CodeKind.CAR, by, now, 1);
        mapper.insertGuardianCode(newCode(uai, linkId, generationId, now));
        lifecycles.generationCreated(uai, generationId, CodeKind.CAR);
        return entry(mapper.findValidGuardianCode(uai, linkId));
    }

    /** "Enlever l'accès" on a refusal coupon "pour moi-même": the refusal is kept and the valid code invalidated. */
    @Transactional
    public void refuse(String uai, long linkId, String by) {
        CodeMapper.CoupleRow couple = row(uai, linkId);
        if (couple.refused()) {
            return;
        }
        Instant now = clock.instant();
        mapper.insertRefusal(uai, "GUARDIAN", linkId, couple.studentId(), now, by, "G" + linkId);
        if (couple.validCodeId() != null) {
            invalidate(couple.validCodeId(), "Refus du responsable (coupon réponse)", now);
        }
    }

    /** "Rétablir l'accès": the refusal is withdrawn; a new code is then generated on demand. */
    @Transactional
    public void withdrawRefusal(String uai, long linkId, String by) {
        row(uai, linkId);
        mapper.withdrawRefusal("G" + linkId, clock.instant(), by);
    }

    /** Shows a code's value to the head who asked, and records that it was shown. */
    @Transactional
    public CodeValue reveal(String uai, long linkId, long codeId, String by) {
        row(uai, linkId);
        CodeMapper.CodeRow code = mapper.findGuardianCode(uai, codeId);
        if (code == null || code.linkId() != linkId) {
            throw new CodeRefused(HttpStatus.NOT_FOUND, "Ce code n'existe pas pour ce couple.");
        }
        mapper.insertReveal(uai, CodeKind.CAR, codeId, clock.instant(), by);
        return secrets.decrypt(code.encryptedValue());
    }

    /** MEF code → label from the establishment's nomenclature (filters and lists). */
    public Map<String, String> mefLabels(String uai) {
        Map<String, String> labels = new LinkedHashMap<>();
        mapper.findMefLabels(uai).forEach(m -> labels.put(m.code(), m.label()));
        return labels;
    }

    /** The couple of this student and this person (SIECLE identifiers), if they are linked. */
    public java.util.Optional<Long> linkId(String uai, String eleveId, String personneId) {
        return java.util.Optional.ofNullable(mapper.findLinkId(uai, eleveId, personneId));
    }

    /** One couple with its D5 decision. */
    public Couple couple(String uai, long linkId) {
        return decide(List.of(row(uai, linkId))).get(0);
    }

    private CodeMapper.CoupleRow row(String uai, long linkId) {
        establishments.get(uai);
        CodeMapper.CoupleRow row = mapper.findCouple(uai, linkId);
        if (row == null) {
            throw new CodeRefused(HttpStatus.NOT_FOUND, "Ce couple élève / responsable n'existe pas dans l'établissement " + uai + ".");
        }
        return row;
    }

    private void invalidate(long codeId, String reason, Instant now) {
        if (mapper.invalidateGuardianCode(codeId, now, reason) > 0) {
            // G4: an account stops reaching the student at once, not after the night's replication
            mapper.revokeReplicatedGuardianCode(codeId);
            lifecycles.carInvalidated(codeId, reason);
        }
    }

    private void requireAnOpenService(String uai) {
        if (opening.openServices(uai).isEmpty()) {
            throw new CodeRefused(HttpStatus.CONFLICT, "Aucun téléservice n'est ouvert dans l'établissement : ouvrez-en au moins un "
                    + "(« Ouverture / fermeture ») avant de créer des codes.");
        }
    }

    private CodeMapper.NewCode newCode(String uai, long linkId, String generationId, Instant now) {
        return CodeMapper.NewCode.random(secrets, uai, linkId, generationId, now);
    }

    private List<Couple> decide(List<CodeMapper.CoupleRow> rows) {
        List<GenerationCandidate> facts = rows.stream()
                .map(r -> new GenerationCandidate(r.linkId(), r.legalRank(), true, r.validCodeId() != null, r.refused()))
                .toList();
        if (!facts.isEmpty()) {
            rules.session(RULES).execute(facts);
        }
        List<Couple> couples = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            CodeMapper.CoupleRow r = rows.get(i);
            GenerationCandidate d = facts.get(i);
            couples.add(new Couple(r.linkId(),
                    new Couple.Student(r.studentId(), r.eleveId(), r.studentLastName(), r.studentFirstName(), r.division(), r.mef()),
                    new Couple.Guardian(r.guardianId(), r.personneId(), r.civility(), r.guardianLastName(), r.guardianFirstName(), r.email()),
                    r.legalRank(), r.validCodeId() != null, r.notifiedOn(), r.continuityOn(), r.refused(), d.isEligible(), d.getReason()));
        }
        // French order (« Bédier » before « Boucher »); the sort is stable, so SQL's order stays among equal names
        couples.sort(FrenchOrder.byDivisionThenName(c -> c.student().division(), c -> c.student().lastName(),
                c -> c.student().firstName()));
        return couples;
    }

    /** D5 for one couple, ignoring its valid code when it is about to be replaced. */
    private GenerationCandidate decide(CodeMapper.CoupleRow r, boolean countValidCode) {
        GenerationCandidate fact = new GenerationCandidate(r.linkId(), r.legalRank(), true, countValidCode && r.validCodeId() != null,
                r.refused());
        rules.session(RULES).execute(List.of(fact));
        return fact;
    }

    private CodeMapper.CoupleFilter filter(boolean withoutValidCode, String division, String mef, String name) {
        return CodeMapper.CoupleFilter.of(withoutValidCode, blankToNull(division), blankToNull(mef), blankToNull(name),
                LocalDate.now(clock));
    }

    static CodeHistoryEntry entry(CodeMapper.CodeRow c) {
        return new CodeHistoryEntry(c.id(), CodeValue.masked(c.hint()), c.createdAt().atZone(PARIS).toLocalDate(), c.validFrom(),
                c.validLinkId() != null, c.invalidatedAt() == null ? null : c.invalidatedAt().atZone(PARIS).toLocalDate(),
                c.invalidationReason(), c.notifiedOn(), c.continuityOn(), c.usedAt() != null, List.of());
    }

    /** The history with, for each code, who was shown its value and when (newest showing first). */
    static List<CodeHistoryEntry> withReveals(CodeMapper mapper, String uai, CodeKind kind, List<CodeHistoryEntry> history) {
        if (history.isEmpty()) {
            return history;
        }
        java.util.Map<Long, List<CodeHistoryEntry.Reveal>> shown = new java.util.HashMap<>();
        for (CodeMapper.RevealRow r : mapper.findReveals(uai, kind, history.stream().map(CodeHistoryEntry::id).toList())) {
            shown.computeIfAbsent(r.codeId(), id -> new java.util.ArrayList<>()).add(new CodeHistoryEntry.Reveal(r.revealedAt(), r.revealedBy()));
        }
        return history.stream().map(e -> e.withReveals(shown.getOrDefault(e.id(), List.of()))).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
