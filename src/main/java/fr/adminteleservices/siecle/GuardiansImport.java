package fr.adminteleservices.siecle;

import static fr.adminteleservices.siecle.SiecleValues.firstNonNull;
import static fr.adminteleservices.siecle.SiecleValues.intern;
import static fr.adminteleservices.siecle.SiecleValues.truncate;

import fr.adminteleservices.platform.RuleBook;
import fr.adminteleservices.siecle.ImportRows.GuardianRow;
import fr.adminteleservices.siecle.ImportRows.IdKey;
import fr.adminteleservices.siecle.ImportRows.LinkRow;
import fr.adminteleservices.siecle.SiecleImporter.ExportFile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ResponsablesAvecAdresses.xml: the persons with their addresses, as a difference, then the links student / person, whose
 * legal rank rules/guardian-legal-rank.drl decides from either export format (RESP_LEGAL, NIVEAU_RESPONSABILITE).
 */
final class GuardiansImport {

    static final String RULE_FILE = "guardian-legal-rank";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private GuardiansImport() {
    }

    private record ParsedLink(String eleveId, String personneId, String relationship, LegalRankDecision decision) {
    }

    static void apply(ImportRun run, ExportFile file, RuleBook rules) {
        Map<String, GuardianRow> persons = new LinkedHashMap<>();
        Map<String, List<String>> personsByAddress = new HashMap<>();
        Map<String, Address> addresses = new HashMap<>();
        List<ParsedLink> parsedLinks = new ArrayList<>();
        Map<String, Integer> sameValueCount = new HashMap<>();
        Set<String> seenPersons = new HashSet<>();
        Set<String> rejectedPersons = new HashSet<>();
        run.read(file, Set.of("PERSONNE", "RESPONSABLE_ELEVE", "ADRESSE"), r -> {
            switch (r.name) {
                case "PERSONNE" -> {
                    GuardianRow g = parsePerson(run, file, r, seenPersons, rejectedPersons);
                    if (g != null) {
                        persons.put(g.personneId(), g);
                        String addressId = r.get("ADRESSE_ID");
                        if (addressId != null) {
                            personsByAddress.computeIfAbsent(addressId, k -> new ArrayList<>(2)).add(g.personneId());
                        }
                    }
                }
                case "RESPONSABLE_ELEVE" -> {
                    String eleveId = r.get("ELEVE_ID");
                    String personneId = r.get("PERSONNE_ID");
                    if (eleveId == null || personneId == null) {
                        run.reject(file, "RESPONSABLE_ELEVE (ligne " + r.line + ")",
                                "ELEVE_ID ou PERSONNE_ID absent : lien ignoré.");
                        return;
                    }
                    String respLegal = r.get("RESP_LEGAL");
                    String niveau = r.get("NIVEAU_RESPONSABILITE");
                    String sameValue = eleveId + (respLegal != null ? "|R" + respLegal : "|N" + niveau);
                    int order = sameValueCount.merge(sameValue, 1, Integer::sum);
                    parsedLinks.add(new ParsedLink(eleveId, personneId, r.get("CODE_PARENTE"),
                            new LegalRankDecision(eleveId, personneId, respLegal, niveau, order)));
                }
                default -> { // ADRESSE: the guardians' file holds them after the persons
                    String id = r.get("ADRESSE_ID");
                    if (id != null && personsByAddress.containsKey(id)) {
                        addresses.put(id, Address.of(r)); // compact: the record's maps are dropped
                    }
                }
            }
        });
        sameValueCount.clear();

        // addresses complete the persons, then persons are applied as a difference
        for (Map.Entry<String, List<String>> e : personsByAddress.entrySet()) {
            Address a = addresses.get(e.getKey());
            if (a == null) {
                continue;
            }
            for (String personneId : e.getValue()) {
                persons.computeIfPresent(personneId, (k, g) -> withAddress(g, a));
            }
        }
        addresses.clear();
        personsByAddress.clear();

        LocalDate leaveDate = run.leaveDate();
        Map<String, ImportRun.Known> existing = new HashMap<>();
        run.mapper.guardians(run.uai, ctx -> {
            GuardianRow g = ctx.getResultObject();
            existing.put(g.personneId(), new ImportRun.Known(g.id(), Fingerprint.of(g), g.leftOn()));
        });
        for (GuardianRow g : persons.values()) {
            ImportRun.Known old = existing.get(g.personneId());
            if (old == null) {
                run.mapper.insertGuardian(g);
                run.guardians[0]++;
            } else if (!old.sameAs(Fingerprint.of(g), g.leftOn())) {
                run.mapper.updateGuardian(g.withId(old.id()));
                run.guardians[1]++;
            }
            run.flushIfNeeded();
        }
        for (Map.Entry<String, ImportRun.Known> e : existing.entrySet()) {
            if (!seenPersons.contains(e.getKey()) && e.getValue().leftOn() == null) {
                run.mapper.markGuardianLeft(run.uai, e.getValue().id(), leaveDate);
                run.guardians[2]++;
                run.flushIfNeeded();
            }
        }
        run.flush();
        existing.clear();
        persons.clear();

        decideLegalRanks(rules, parsedLinks);
        applyLinks(run, file, parsedLinks, rejectedPersons, leaveDate);
    }

    /** rules/guardian-legal-rank.drl decides, in chunks, the legal rank of every link. */
    private static void decideLegalRanks(RuleBook rules, List<ParsedLink> links) {
        var session = rules.session(RULE_FILE);
        for (int from = 0; from < links.size(); from += 10_000) {
            List<LegalRankDecision> facts = links.subList(from, Math.min(links.size(), from + 10_000)).stream()
                    .map(ParsedLink::decision).toList();
            session.execute(facts);
        }
    }

    private static void applyLinks(ImportRun run, ExportFile file, List<ParsedLink> parsedLinks, Set<String> rejectedPersons,
                            LocalDate leaveDate) {
        Map<String, Long> studentIds = new HashMap<>();
        for (IdKey k : run.mapper.studentIds(run.uai)) {
            studentIds.put(k.ref(), k.id());
        }
        Map<String, Long> guardianIds = new HashMap<>();
        for (IdKey k : run.mapper.guardianIds(run.uai)) {
            guardianIds.put(k.ref(), k.id());
        }
        Map<String, LinkRow> existing = new HashMap<>();
        for (LinkRow l : run.mapper.links(run.uai)) {
            existing.put(l.studentId() + ":" + l.guardianId(), l);
        }
        Set<String> seen = new HashSet<>();
        Set<String> firstOccurrence = new HashSet<>();
        for (ParsedLink p : parsedLinks) {
            String record = "ELEVE_ID " + p.eleveId() + " / PERSONNE_ID " + p.personneId();
            LegalRankDecision d = p.decision();
            if (d.isRejected()) {
                run.reject(file, record, d.getReason());
                continue;
            }
            Long studentId = studentIds.get(p.eleveId());
            if (studentId == null) {
                run.reject(file, record, run.rejectedStudents.contains(p.eleveId())
                        ? "L'élève de ce lien a été rejeté (voir ELEVE_ID " + p.eleveId() + ") : lien ignoré."
                        : "Élève inconnu dans l'établissement : importez aussi son export élèves (ElevesSansAdresses.xml).");
                continue;
            }
            Long guardianId = guardianIds.get(p.personneId());
            if (guardianId != null) {
                seen.add(studentId + ":" + guardianId); // a link is never ended because its record was rejected
            }
            if (guardianId == null || rejectedPersons.contains(p.personneId())) {
                run.reject(file, record, rejectedPersons.contains(p.personneId())
                        ? "La personne de ce lien a été rejetée (voir PERSONNE_ID " + p.personneId() + ") : lien ignoré."
                        : "PERSONNE_ID absent de la liste des personnes du fichier : lien ignoré.");
                continue;
            }
            String key = studentId + ":" + guardianId;
            if (!firstOccurrence.add(key)) {
                run.reject(file, record, "Lien en double dans le fichier : seule la première occurrence est importée.");
                continue;
            }
            LinkRow row = new LinkRow(null, run.uai, studentId, guardianId, d.getLegalRank(), p.relationship(), null);
            LinkRow old = existing.get(key);
            if (old == null) {
                run.mapper.insertLink(row);
                run.links[0]++;
            } else if (!row.withId(old.id()).equals(old)) {
                run.mapper.updateLink(row.withId(old.id()));
                run.links[1]++;
            }
            run.flushIfNeeded();
        }
        for (Map.Entry<String, LinkRow> e : existing.entrySet()) {
            if (!seen.contains(e.getKey()) && e.getValue().endedOn() == null) {
                run.mapper.endLink(run.uai, e.getValue().id(), leaveDate);
                run.links[2]++;
                run.flushIfNeeded();
            }
        }
        run.flush();
    }

    private static GuardianRow parsePerson(ImportRun run, ExportFile file, SiecleRecord r, Set<String> seen, Set<String> rejected) {
        String personneId = r.get("PERSONNE_ID");
        if (personneId == null) {
            run.reject(file, "PERSONNE (ligne " + r.line + ")", "PERSONNE_ID absent : personne ignorée.");
            return null;
        }
        String record = "PERSONNE_ID " + personneId;
        if (!seen.add(personneId)) {
            run.reject(file, record, "PERSONNE_ID en double dans le fichier : seule la première occurrence est importée.");
            return null;
        }
        String lastName = firstNonNull(r.get("NOM_DE_FAMILLE"), r.get("NOM"));
        if (lastName == null) {
            rejected.add(personneId);
            run.reject(file, record, "Nom de famille absent (NOM_DE_FAMILLE) : personne ignorée.");
            return null;
        }
        String email = r.get("MEL");
        if (email != null && (!EMAIL.matcher(email).matches() || email.length() > 254)) {
            run.reject(file, record, "Courriel « " + email + " » invalide : la personne est importée sans courriel.");
            email = null;
        }
        return new GuardianRow(null, run.uai, personneId, truncate(r.get("LC_CIVILITE"), 10), truncate(lastName, 100),
                truncate(r.get("PRENOM"), 100), email, truncate(firstNonNull(r.get("TEL_PORTABLE"), r.get("TEL_PERSONNEL")), 30),
                null, null, null, null, null, null, null, null);
    }

    /** A postal address of the guardians' file, as stored on the guardian. */
    private record Address(String line1, String line2, String line3, String line4, String postalCode, String city,
                           String country) {
        static Address of(SiecleRecord a) {
            return new Address(truncate(a.get("LIGNE1_ADRESSE"), 100), truncate(a.get("LIGNE2_ADRESSE"), 100),
                    truncate(a.get("LIGNE3_ADRESSE"), 100), truncate(a.get("LIGNE4_ADRESSE"), 100),
                    truncate(a.get("CODE_POSTAL"), 10),
                    intern(truncate(firstNonNull(a.get("LIBELLE_POSTAL"), a.get("LL_COMMUNE_INSEE"), a.get("COMMUNE_ETRANGERE")), 100)),
                    intern(truncate(a.get("LL_PAYS"), 100)));
        }
    }

    private static GuardianRow withAddress(GuardianRow g, Address a) {
        return new GuardianRow(g.id(), g.uai(), g.personneId(), g.civility(), g.lastName(), g.firstName(), g.email(),
                g.mobilePhone(), a.line1(), a.line2(), a.line3(), a.line4(), a.postalCode(), a.city(), a.country(), null);
    }
}
