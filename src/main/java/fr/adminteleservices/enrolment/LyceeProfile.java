package fr.adminteleservices.enrolment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a participating lycée offers, per MEF of seconde générale et technologique (MEF codes starting with
 * {@code 200}, the dispositif « 2nde GT »), as the parents choose it: groups of options. Choice rules:
 * <ul>
 * <li>Enseignements d'exploration: one group per rank (RANG_OPTION, 1 when the file gives none); one option
 * must be chosen in each group (the 2nde GT asks for two, the first among the economic ones);</li>
 * <li>Langue ou sport de section: at most one;</li>
 * <li>Enseignement facultatif: at most one.</li>
 * </ul>
 */
public record LyceeProfile(String uai, List<Mef> mefs) {

    public static final String SECONDE_GT_PREFIX = "200";

    public record Option(String code, String label) {
    }

    /** One choice of the form: {@code key} is the parameter's name (EXPLORATION-1, SECTION, OPTIONAL). */
    public record Group(String key, OptionCategory category, Integer rank, boolean required, List<Option> options) {
        public String title() {
            if (category == OptionCategory.EXPLORATION) {
                return (rank == null || rank == 1 ? "Premier" : rank == 2 ? "Deuxième" : rank + "e")
                        + " enseignement d'exploration";
            }
            return category.label();
        }
    }

    public record Mef(String code, String label, List<Group> groups) {
        /** Options of one category, for the lycée's screen. */
        public List<Option> options(OptionCategory category) {
            List<Option> all = new ArrayList<>();
            groups.stream().filter(g -> g.category() == category).forEach(g -> g.options().stream()
                    .filter(o -> all.stream().noneMatch(a -> a.code().equals(o.code()))).forEach(all::add));
            return all;
        }

        public boolean empty() {
            return groups.isEmpty();
        }

        public Optional<Option> option(String code) {
            return groups.stream().flatMap(g -> g.options().stream()).filter(o -> o.code().equals(code)).findFirst();
        }

        public Optional<OptionCategory> categoryOf(String code) {
            return groups.stream().filter(g -> g.options().stream().anyMatch(o -> o.code().equals(code)))
                    .map(Group::category).findFirst();
        }
    }

    public Optional<Mef> mef(String code) {
        return mefs.stream().filter(m -> m.code().equals(code)).findFirst();
    }

    /** Builds the profile from the programme rows of the lycée (EnrolmentMapper.profileRows), in their order. */
    static LyceeProfile of(String uai, List<EnrolmentMapper.ProfileRow> rows) {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, Map<String, List<Option>>> byMef = new LinkedHashMap<>();
        Map<String, Map<String, Group>> meta = new LinkedHashMap<>();
        for (EnrolmentMapper.ProfileRow r : rows) {
            labels.putIfAbsent(r.mefCode(), r.mefLabel() != null ? r.mefLabel() : r.mefCode());
            byMef.computeIfAbsent(r.mefCode(), k -> new LinkedHashMap<>());
            meta.computeIfAbsent(r.mefCode(), k -> new LinkedHashMap<>());
            OptionCategory category = OptionCategory.of(r.modality(), r.managementCode(), r.subjectLabel());
            if (category == null) {
                continue;
            }
            Integer rank = category == OptionCategory.EXPLORATION ? (r.optionRank() == null ? 1 : r.optionRank()) : null;
            String key = category.name() + (rank == null ? "" : "-" + rank);
            String label = r.subjectEditionLabel() != null ? r.subjectEditionLabel()
                    : r.subjectLabel() != null ? r.subjectLabel() : r.subjectCode();
            List<Option> options = byMef.get(r.mefCode()).computeIfAbsent(key, k -> new ArrayList<>());
            if (options.stream().noneMatch(o -> o.code().equals(r.subjectCode()))) {
                options.add(new Option(r.subjectCode(), label));
            }
            meta.get(r.mefCode()).putIfAbsent(key, new Group(key, category, rank, category == OptionCategory.EXPLORATION, List.of()));
        }
        List<Mef> mefs = new ArrayList<>();
        byMef.forEach((mef, groups) -> {
            List<Group> list = new ArrayList<>();
            groups.forEach((key, options) -> {
                Group g = meta.get(mef).get(key);
                list.add(new Group(key, g.category(), g.rank(), g.required(), List.copyOf(options)));
            });
            list.sort(java.util.Comparator.comparing((Group g) -> g.category().ordinal())
                    .thenComparing(g -> g.rank() == null ? 0 : g.rank()));
            mefs.add(new Mef(mef, labels.get(mef), List.copyOf(list)));
        });
        return new LyceeProfile(uai, List.copyOf(mefs));
    }

    /**
     * Checks the choices made for a MEF (group key → chosen subject code, blank for none) against the rules
     * above: field → French message; empty when they are valid.
     */
    public static Map<String, String> check(Mef mef, Map<String, String> chosen) {
        Map<String, String> errors = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Group g : mef.groups()) {
            String code = chosen.getOrDefault(g.key(), "");
            code = code == null ? "" : code.strip();
            if (code.isEmpty()) {
                if (g.required()) {
                    errors.put(g.key(), "Choisissez le " + g.title().toLowerCase(java.util.Locale.FRENCH) + ".");
                }
                continue;
            }
            String c = code;
            if (g.options().stream().noneMatch(o -> o.code().equals(c))) {
                errors.put(g.key(), "Ce choix n'est pas proposé par le lycée pour « " + g.title() + " ».");
            } else if (!seen.add(code)) {
                errors.put(g.key(), "Cet enseignement est déjà choisi plus haut : choisissez-en un autre.");
            }
        }
        for (String key : chosen.keySet()) {
            if (mef.groups().stream().noneMatch(g -> g.key().equals(key))) {
                errors.put(key, "Choix inconnu.");
            }
        }
        return errors;
    }
}
