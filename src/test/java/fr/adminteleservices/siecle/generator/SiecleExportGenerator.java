package fr.adminteleservices.siecle.generator;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Deterministic generator of synthetic SIECLE XML exports (SPEC §7).
 *
 * <p>For each establishment it writes {@code ElevesSansAdresses.xml}, {@code ResponsablesAvecAdresses.xml},
 * {@code Nomenclature.xml} and {@code Structures.xml} into {@code <out>/<UAI>/}, in ISO-8859-15.
 *
 * <p>Memory stays flat whatever the number of students: nothing is kept per student. Every student,
 * and every family, is rebuilt on demand from a seed derived from (establishment seed, index), so each
 * section of a file is written in its own pass over the student indexes. A student's level and division
 * follow from its index; siblings point to an earlier student whose family (guardians, addresses) they share.
 *
 * <p>Same arguments give byte-identical files: no clock, no hash ordering, {@link Random} with derived seeds.
 *
 * <pre>
 * java fr.adminteleservices.siecle.generator.SiecleExportGenerator --students 500 --establishments 1 \
 *      --seed 42 --out target/siecle-export [--guardian-format resp-legal|niveau] [--year 2026] \
 *      [--uai 0990001N] [--kind college|lycee] [--first-index 0]
 * </pre>
 */
public final class SiecleExportGenerator {

    /** The four files written per establishment. */
    public static final String ELEVES_FILE = "ElevesSansAdresses.xml";
    public static final String RESPONSABLES_FILE = "ResponsablesAvecAdresses.xml";
    public static final String NOMENCLATURE_FILE = "Nomenclature.xml";
    public static final String STRUCTURES_FILE = "Structures.xml";

    /** Name of the pseudo-division of students no longer active. */
    public static final String INACTIFS = "Inactifs";

    private static final String UAI_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";
    private static final int DIVISION_SIZE = 28;
    private static final long MAX_STUDENTS_PER_ESTABLISHMENT = 9_999_999L;
    /** 10⁹ digit values × 26 × 26 letters; the multiplier is prime to 2, 5 and 13. */
    private static final BigInteger INE_SPACE = BigInteger.valueOf(676_000_000_000L);
    private static final BigInteger INE_MULTIPLIER = BigInteger.valueOf(293_718_619_447L);
    private static final BigInteger INE_OFFSET = BigInteger.valueOf(70_812_345_678L);

    /** How guardians are described in {@code RESPONSABLE_ELEVE}. */
    public enum GuardianFormat {
        /** Older form: {@code RESP_LEGAL} 1, 2 or 0, {@code RESP_FINANCIER}, {@code PERS_CONTACT}. */
        RESP_LEGAL,
        /** Since 2019: {@code NIVEAU_RESPONSABILITE} 1 (legal), 2 or 3, {@code PAIE_FRAIS_SCOLAIRES}. */
        NIVEAU_RESPONSABILITE;

        public static GuardianFormat parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "resp-legal", "resp_legal" -> RESP_LEGAL;
                case "niveau", "niveau-responsabilite", "niveau_responsabilite" -> NIVEAU_RESPONSABILITE;
                default -> throw new IllegalArgumentException("Unknown guardian format: " + s + " (resp-legal|niveau)");
            };
        }
    }

    /** Kind of establishment: which MEFs, divisions and ages. */
    public enum Kind {
        COLLEGE, LYCEE;

        public static Kind parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "college", "collège" -> COLLEGE;
                case "lycee", "lycée" -> LYCEE;
                default -> throw new IllegalArgumentException("Unknown kind: " + s + " (college|lycee)");
            };
        }
    }

    /**
     * Generation options. {@code guardianFormat}, {@code firstUai} and {@code kind} may be null: format and
     * kind then alternate with the establishment index (even: RESP_LEGAL / COLLEGE, odd: NIVEAU / LYCEE) and
     * UAIs start at 0990001N + firstIndex. {@code firstIndex} offsets the establishment index, which
     * numbers the IDs (ELEVE_ID, PERSONNE_ID, INE), so that separate runs do not reuse IDs.
     */
    public record Options(int students, int establishments, long seed, Path out, GuardianFormat guardianFormat,
                          int year, String firstUai, Kind kind, int firstIndex) {

        public Options {
            if (students < 0 || establishments < 1 || firstIndex < 0) {
                throw new IllegalArgumentException("students >= 0, establishments >= 1, first-index >= 0");
            }
            if (firstUai != null && !isValidUai(firstUai)) {
                throw new IllegalArgumentException("Invalid UAI (7 digits + check letter): " + firstUai);
            }
        }

        public static Options defaults() {
            return new Options(500, 1, 42L, Path.of("target/siecle-export"), null, 2026, null, null, 0);
        }

        public static Options parse(String[] args) {
            int students = 500;
            int establishments = 1;
            long seed = 42L;
            Path out = Path.of("target/siecle-export");
            GuardianFormat format = null;
            int year = 2026;
            String uai = null;
            Kind kind = null;
            int firstIndex = 0;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Missing value after " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--students" -> students = Integer.parseInt(value);
                    case "--establishments" -> establishments = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--out" -> out = Path.of(value);
                    case "--guardian-format" -> format = GuardianFormat.parse(value);
                    case "--year" -> year = Integer.parseInt(value);
                    case "--uai" -> uai = value.toUpperCase(Locale.ROOT);
                    case "--kind" -> kind = Kind.parse(value);
                    case "--first-index" -> firstIndex = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("Unknown option: " + name);
                }
            }
            return new Options(students, establishments, seed, out, format, year, uai, kind, firstIndex);
        }
    }

    /** What was written for one establishment; counts are the numbers of XML elements written. */
    public record EstablishmentSummary(String uai, int index, Kind kind, GuardianFormat guardianFormat, Path directory,
                                       int students, long persons, long links, long addresses, int divisions) {
    }

    /** Totals over all establishments. */
    public record Summary(List<EstablishmentSummary> establishments, long students, long persons, long links,
                          long addresses) {
    }

    private final long seed;
    private final int year;

    public SiecleExportGenerator(long seed, int year) {
        this.seed = seed;
        this.year = year;
    }

    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage: SiecleExportGenerator [--students N] [--establishments M] [--seed S] [--out DIR]"
                    + " [--guardian-format resp-legal|niveau] [--year YYYY] [--uai 0990001N] [--kind college|lycee]"
                    + " [--first-index K]");
            System.exit(2);
            return;
        }
        long start = System.nanoTime();
        Summary summary = generate(options);
        for (EstablishmentSummary e : summary.establishments()) {
            if (summary.establishments().size() <= 20) {
                System.out.printf(Locale.ROOT, "%s %-7s %-21s students=%d persons=%d links=%d addresses=%d divisions=%d%n",
                        e.uai(), e.kind(), e.guardianFormat(), e.students(), e.persons(), e.links(), e.addresses(),
                        e.divisions());
            }
        }
        System.out.printf(Locale.ROOT, "total: establishments=%d students=%d persons=%d links=%d addresses=%d in %s (%.1f s)%n",
                summary.establishments().size(), summary.students(), summary.persons(), summary.links(),
                summary.addresses(), options.out(), (System.nanoTime() - start) / 1e9);
    }

    /** Writes every establishment of the options into {@code options.out()/<UAI>/}. */
    public static Summary generate(Options o) throws IOException {
        SiecleExportGenerator generator = new SiecleExportGenerator(o.seed(), o.year());
        int firstNumber = o.firstUai() != null ? Integer.parseInt(o.firstUai().substring(0, 7)) : 990001 + o.firstIndex();
        List<EstablishmentSummary> list = new ArrayList<>();
        long students = 0;
        long persons = 0;
        long links = 0;
        long addresses = 0;
        for (int k = 0; k < o.establishments(); k++) {
            int index = o.firstIndex() + k;
            String uai = uai(firstNumber + k);
            int n = o.students() / o.establishments() + (k < o.students() % o.establishments() ? 1 : 0);
            GuardianFormat format = o.guardianFormat() != null ? o.guardianFormat()
                    : (index % 2 == 0 ? GuardianFormat.RESP_LEGAL : GuardianFormat.NIVEAU_RESPONSABILITE);
            Kind kind = o.kind() != null ? o.kind() : (index % 2 == 0 ? Kind.COLLEGE : Kind.LYCEE);
            EstablishmentSummary s = generator.writeEstablishment(o.out().resolve(uai), index, uai, n, format, kind);
            list.add(s);
            students += s.students();
            persons += s.persons();
            links += s.links();
            addresses += s.addresses();
        }
        return new Summary(List.copyOf(list), students, persons, links, addresses);
    }

    /**
     * Writes the four files of one establishment directly into {@code dir} (created if needed).
     *
     * @param index establishment index: numbers ELEVE_ID ((index+1)·10⁷ + n), PERSONNE_ID/ADRESSE_ID
     *              ((index+1)·10⁸ + n) and INE, and derives the establishment's seed
     */
    public EstablishmentSummary writeEstablishment(Path dir, int index, String uai, int students, GuardianFormat format,
                                                   Kind kind) throws IOException {
        if (!isValidUai(uai)) {
            throw new IllegalArgumentException("Invalid UAI: " + uai);
        }
        if (index < 0 || index >= 67_600) {
            throw new IllegalArgumentException("establishment index must be in 0..67599 (INE numbering)");
        }
        if (students < 0 || students > MAX_STUDENTS_PER_ESTABLISHMENT) {
            throw new IllegalArgumentException("students per establishment must be in 0.." + MAX_STUDENTS_PER_ESTABLISHMENT);
        }
        Files.createDirectories(dir);
        Establishment e = new Establishment(index, uai, students, format, kind);
        int[] counts = e.writeNomenclature(dir.resolve(NOMENCLATURE_FILE));
        e.writeStructures(dir.resolve(STRUCTURES_FILE));
        e.writeEleves(dir.resolve(ELEVES_FILE));
        long[] resp = e.writeResponsables(dir.resolve(RESPONSABLES_FILE));
        return new EstablishmentSummary(uai, index, kind, format, dir, students, resp[0], resp[1], resp[2], counts[0]);
    }

    // ------------------------------------------------------------------------------------------------ UAI

    /** The UAI of a seven-digit number: digits and check letter (number mod 23 in ABCDEFGHJKLMNPRSTUVWXYZ). */
    public static String uai(int number) {
        if (number < 0 || number > 9_999_999) {
            throw new IllegalArgumentException("A UAI number has seven digits: " + number);
        }
        return String.format(Locale.ROOT, "%07d%c", number, UAI_LETTERS.charAt(number % 23));
    }

    public static boolean isValidUai(String s) {
        if (s == null || s.length() != 8) {
            return false;
        }
        for (int i = 0; i < 7; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return uai(Integer.parseInt(s.substring(0, 7))).equals(s);
    }

    // ------------------------------------------------------------------------------------------------ model

    /** One level (MEF) of an establishment kind. */
    private record Level(String mef, String formation, String libelleLong, String libelleEdition, String mefstat,
                         int nbOptOblig, String ouverture, int age, String divisionPrefix, boolean letters,
                         String divisionLabel) {
    }

    private static final Level[] COLLEGE_LEVELS = {
        new Level("10010012110", "6EME", "6EME", "6ème", "21110010012", 1, "01/09/1995", 11, "6", true, "6ème"),
        new Level("10110001110", "5G", "5EME", "5ème", "21120010001", 2, "01/09/1992", 12, "5", true, "5ème"),
        new Level("10210001110", "4G", "4EME", "4ème", "21150010001", 2, "01/09/1992", 13, "4", true, "4ème"),
        new Level("10310019110", "3EME", "3EME", "3ème", "21160010019", 2, "01/09/2002", 14, "3", true, "3ème"),
    };

    private static final Level[] LYCEE_LEVELS = {
        new Level("20010017110", "2NDE GT", "2NDE GENERALE & TECHNO.", "2nde générale et technologique", "21310010017",
                2, "01/09/2010", 15, "2", true, "2nde"),
        new Level("20111010110", "1ERE G", "1ERE GENERALE", "1ère générale", "21320011010",
                3, "01/09/2019", 16, "1G", false, "1ère générale"),
        new Level("20211010110", "TLE G", "TERMINALE GENERALE", "Terminale générale", "21330011010",
                2, "01/09/2020", 17, "TG", false, "Terminale générale"),
    };

    /** A group (TYPE_STRUCTURE G): code, label, levels it is open to, relative weight. */
    private record Group(String code, String label, int[] levels, int weight) {
    }

    private static final Group[] COLLEGE_GROUPS = {
        new Group("CHORALE", "Chorale", new int[] {0}, 1),
        new Group("LV2ESP", "Espagnol LV2", new int[] {1, 2, 3}, 60),
        new Group("LV2ALL", "Allemand LV2", new int[] {1, 2, 3}, 25),
        new Group("LATIN", "Langues et cultures de l'Antiquité : latin", new int[] {1, 2, 3}, 15),
    };

    private static final Group[] LYCEE_GROUPS = {
        new Group("LV2ESP", "Espagnol LV2", new int[] {0}, 70),
        new Group("LV2ALL", "Allemand LV2", new int[] {0}, 30),
        new Group("SPEMATHS", "Spécialité mathématiques", new int[] {1, 2}, 50),
        new Group("SPESES", "Spécialité sciences économiques et sociales", new int[] {1, 2}, 30),
        new Group("SPEHGGSP", "Spécialité histoire-géographie, géopolitique et sciences politiques", new int[] {1, 2}, 20),
    };

    /** {CODE_MATIERE, CODE_GESTION, LIBELLE_COURT, LIBELLE_LONG, LIBELLE_EDITION}. */
    private static final String[][] COMMON_SUBJECTS = {
        {"020100", "FRANC", "FRANCAIS", "FRANCAIS", "Français"},
        {"030201", "AGL1", "ANGLAIS LV1", "ANGLAIS LV1", "Anglais LV1"},
        {"030602", "ESP2", "ESPAGNOL LV2", "ESPAGNOL LV2", "Espagnol LV2"},
        {"030102", "ALL2", "ALLEMAND LV2", "ALLEMAND LV2", "Allemand LV2"},
        {"061300", "MATHS", "MATHEMATIQUES", "MATHEMATIQUES", "Mathématiques"},
        {"040300", "HI-GE", "HISTOIRE-GEOGRAPHIE", "HISTOIRE-GEOGRAPHIE", "Histoire-géographie"},
        {"100100", "EPS", "ED.PHYSIQUE & SPORT.", "EDUCATION PHYSIQUE ET SPORTIVE", "Éducation physique et sportive"},
        {"062900", "SVT", "SCIENCES VIE & TERRE", "SCIENCES DE LA VIE ET DE LA TERRE", "Sciences de la vie et de la Terre"},
        {"061800", "PH-CH", "PHYSIQUE-CHIMIE", "PHYSIQUE-CHIMIE", "Physique-chimie"},
    };

    private static final String[][] COLLEGE_SUBJECTS = {
        {"070200", "TECHN", "TECHNOLOGIE", "TECHNOLOGIE", "Technologie"},
        {"020700", "LCALA", "LCA LATIN", "LANGUES ET CULTURES DE L'ANTIQUITE LATIN", "Latin"},
    };

    private static final String[][] LYCEE_SUBJECTS = {
        {"076700", "SES", "SC. ECONO.& SOCIALES", "SCIENCES ECONOMIQUES ET SOCIALES", "Sciences économiques et sociales"},
        {"043300", "HGGSP", "HIST.GEO.GEOPOL.S.P.", "HISTOIRE-GEOGRAPHIE, GEOPOLITIQUE & SC.POLITIQUES",
            "Histoire-géographie, géopolitique et sciences politiques"},
        {"010100", "PHILO", "PHILOSOPHIE", "PHILOSOPHIE", "Philosophie"},
    };

    private record Student(int index, long eleveId, long elenoet, String ine, boolean boy, String prenom, String prenom2,
                           String prenom3, String nomUsage, LocalDate birth, int level, LocalDate entree,
                           LocalDate sortie, String previousUai, boolean inactive, Group group, String regime,
                           boolean repeating) {
    }

    /** A guardian or other person; slot 0 = legal 1, 1 = legal 2, 2 = other person. */
    private record Person(int slot, boolean male, String lastName, String firstName, String phone, String email,
                          int addressSlot, String codeParente, boolean payer, boolean contact) {
    }

    /** {@code foreign} = {country label, CODE_PAYS, COMMUNE_ETRANGERE} or null. */
    private record Address(int slot, String line1, String line2, String line3, String line4, String postalCode,
                           String postalLabel, String[] foreign) {
    }

    private record Family(String childName, List<Person> persons, List<Address> addresses) {
    }

    // ------------------------------------------------------------------------------------------------ establishment

    private final class Establishment {
        private static final long SALT_STUDENT = 1;
        private static final long SALT_SIBLING = 2;
        private static final long SALT_FAMILY = 3;

        private final int index;
        private final String uai;
        private final int n;
        private final GuardianFormat format;
        private final Kind kind;
        private final long estSeed;
        private final Level[] levels;
        private final Group[] groups;
        private final int[] levelStart;
        private final int[] levelSize;
        private final int[] divisions;
        private final String[][] communes;
        private final long idBase;
        private final long personBase;

        Establishment(int index, String uai, int n, GuardianFormat format, Kind kind) {
            this.index = index;
            this.uai = uai;
            this.n = n;
            this.format = format;
            this.kind = kind;
            this.estSeed = mix(seed, index, 0);
            this.levels = kind == Kind.COLLEGE ? COLLEGE_LEVELS : LYCEE_LEVELS;
            this.groups = kind == Kind.COLLEGE ? COLLEGE_GROUPS : LYCEE_GROUPS;
            this.idBase = (index + 1L) * 10_000_000L;
            this.personBase = (index + 1L) * 100_000_000L;
            int count = levels.length;
            levelStart = new int[count];
            levelSize = new int[count];
            divisions = new int[count];
            int start = 0;
            for (int l = 0; l < count; l++) {
                levelStart[l] = start;
                levelSize[l] = n / count + (l < n % count ? 1 : 0);
                divisions[l] = Math.max(1, (levelSize[l] + DIVISION_SIZE - 1) / DIVISION_SIZE);
                start += levelSize[l];
            }
            this.communes = FrenchPlaces.COMMUNE_GROUPS[(int) Math.floorMod(estSeed, (long) FrenchPlaces.COMMUNE_GROUPS.length)];
        }

        private Random random(long i, long salt) {
            return new Random(mix(estSeed, i, salt));
        }

        private int levelOf(int i) {
            int l = levels.length - 1;
            while (l > 0 && i < levelStart[l]) {
                l--;
            }
            return l;
        }

        private String divisionOf(int i) {
            int l = levelOf(i);
            return divisionCode(l, (i - levelStart[l]) % divisions[l]);
        }

        private String divisionCode(int l, int d) {
            Level level = levels[l];
            if (level.letters() && divisions[l] <= 26) {
                return level.divisionPrefix() + (char) ('A' + d);
            }
            if (level.letters()) {
                int width = Math.max(2, String.valueOf(divisions[l]).length());
                return level.divisionPrefix() + String.format(Locale.ROOT, "%0" + width + "d", d + 1);
            }
            return level.divisionPrefix() + (d + 1);
        }

        private String divisionLabel(int l, int d) {
            String code = divisionCode(l, d);
            return levels[l].divisionLabel() + " " + code.substring(levels[l].divisionPrefix().length());
        }

        // ---------------------------------------------------------------- students

        private Student student(int i) {
            Random r = random(i, SALT_STUDENT);
            int l = levelOf(i);
            Level level = levels[l];
            boolean boy = r.nextBoolean();
            String[] firstNames = boy ? FrenchNames.MALE_FIRST_NAMES : FrenchNames.FEMALE_FIRST_NAMES;
            String prenom = pick(r, firstNames);
            String prenom2 = r.nextDouble() < 0.45 ? pickOther(r, firstNames, prenom) : null;
            String prenom3 = prenom2 != null && r.nextDouble() < 0.15 ? pickOther(r, firstNames, prenom2) : null;
            String nomUsage = r.nextDouble() < 0.7 ? "" : null;
            double d = r.nextDouble();
            int late = d < 0.02 ? -1 : d < 0.14 ? 1 : d < 0.15 ? 2 : 0;
            int birthYear = year - level.age() - late;
            LocalDate birth = LocalDate.ofYearDay(birthYear, 1 + r.nextInt(LocalDate.of(birthYear, 1, 1).lengthOfYear()));
            boolean noIne = r.nextDouble() < 0.02;
            LocalDate sortie = r.nextDouble() < 0.015 ? LocalDate.of(year, 9, 3).plusDays(r.nextInt(12)) : null;
            boolean inactive = r.nextDouble() < 0.01;
            boolean transfer = r.nextDouble() < 0.10;
            String previousUai = transfer ? otherUai(r) : (l > 0 ? uai : null);
            Group group = null;
            if (!inactive && r.nextDouble() < 0.40) {
                group = pickGroup(r, l);
            }
            double reg = r.nextDouble();
            String regime = reg < 0.70 ? "2" : reg < 0.95 ? "0" : "3";
            boolean repeating = late > 0 && r.nextDouble() < 0.3;
            LocalDate entree = transfer || l == 0 ? LocalDate.of(year, 9, 1) : LocalDate.of(year - l, 9, 1);
            String ine = noIne ? null : ine(i);
            return new Student(i, idBase + i + 1, 1001L + i, ine, boy, prenom, prenom2, prenom3, nomUsage, birth, l,
                    entree, sortie, previousUai, inactive, group, regime, repeating);
        }

        /**
         * INE: 9 digits + 2 letters. An affine bijection of (index, i) over the 676·10⁹ possible values, so INEs
         * are unique for distinct (establishment index, student) pairs, whatever the seed.
         */
        private String ine(int i) {
            long v = index * 10_000_000L + i;
            long w = BigInteger.valueOf(v).multiply(INE_MULTIPLIER).add(INE_OFFSET).mod(INE_SPACE).longValueExact();
            long digits = w / 676;
            int letters = (int) (w % 676);
            return String.format(Locale.ROOT, "%09d%c%c", digits, (char) ('A' + letters / 26), (char) ('A' + letters % 26));
        }

        private String otherUai(Random r) {
            while (true) {
                String other = uai(100_000 + r.nextInt(9_860_000));
                if (!other.equals(uai)) {
                    return other;
                }
            }
        }

        private Group pickGroup(Random r, int l) {
            int total = 0;
            for (Group g : groups) {
                if (contains(g.levels(), l)) {
                    total += g.weight();
                }
            }
            int x = r.nextInt(total);
            for (Group g : groups) {
                if (contains(g.levels(), l)) {
                    x -= g.weight();
                    if (x < 0) {
                        return g;
                    }
                }
            }
            throw new IllegalStateException();
        }

        // ---------------------------------------------------------------- families

        /** The earliest student whose family student i belongs to (i itself unless i is a younger sibling). */
        private int root(int i) {
            int j = i;
            while (j > 0) {
                Random r = random(j, SALT_SIBLING);
                if (r.nextDouble() >= 0.10) {
                    break;
                }
                j = r.nextInt(j);
            }
            return j;
        }

        private Family family(int root) {
            Random r = random(root, SALT_FAMILY);
            String fatherName = pick(r, FrenchNames.FAMILY_NAMES);
            String motherOwnName = pickOther(r, FrenchNames.FAMILY_NAMES, fatherName);
            List<Person> persons = new ArrayList<>(3);
            List<Address> addresses = new ArrayList<>(3);
            String childName;
            String motherFirst = pick(r, FrenchNames.FEMALE_FIRST_NAMES);
            String fatherFirst = pick(r, FrenchNames.MALE_FIRST_NAMES);
            boolean rank2Pays = r.nextDouble() < 0.3;
            String[] contacts = {contactPhone(r), contactPhone(r)};
            addresses.add(address(r, 0));
            if (r.nextDouble() < 0.20) {
                // one legal guardian
                if (r.nextDouble() < 0.8) {
                    String motherName = r.nextDouble() < 0.75 ? motherOwnName : fatherName;
                    childName = r.nextDouble() < 0.6 ? motherName : fatherName;
                    persons.add(new Person(0, false, motherName, motherFirst, contacts[0],
                            maybeEmail(r, motherFirst, motherName), 0, "10", true, true));
                } else {
                    childName = fatherName;
                    persons.add(new Person(0, true, fatherName, fatherFirst, contacts[0],
                            maybeEmail(r, fatherFirst, fatherName), 0, "20", true, true));
                }
            } else {
                boolean separated = r.nextDouble() < 0.25;
                String motherName = !separated && r.nextDouble() < 0.35 ? fatherName : motherOwnName;
                double c = r.nextDouble();
                childName = c < 0.80 ? fatherName : c < 0.92 ? fatherName + "--" + motherOwnName : motherOwnName;
                boolean motherIsFirst = r.nextDouble() < 0.6;
                String motherEmail = maybeEmail(r, motherFirst, motherName);
                String fatherEmail = maybeEmail(r, fatherFirst, fatherName);
                if (!separated && motherEmail != null && fatherEmail != null && r.nextDouble() < 0.03) {
                    fatherEmail = motherEmail; // one family mailbox typed for both parents
                }
                int motherSlot = motherIsFirst ? 0 : 1;
                int fatherSlot = 1 - motherSlot;
                int secondAddress = separated ? 1 : 0;
                persons.add(new Person(motherSlot, false, motherName, motherFirst, contacts[motherSlot], motherEmail,
                        motherIsFirst ? 0 : secondAddress, "10", motherIsFirst || rank2Pays, true));
                persons.add(new Person(fatherSlot, true, fatherName, fatherFirst, contacts[fatherSlot], fatherEmail,
                        motherIsFirst ? secondAddress : 0, "20", !motherIsFirst || rank2Pays, true));
                persons.sort((a, b) -> Integer.compare(a.slot(), b.slot()));
                if (separated) {
                    addresses.add(address(r, 1));
                }
            }
            if (r.nextDouble() < 0.05) {
                boolean grandParent = r.nextDouble() < 0.7;
                boolean male = r.nextDouble() < 0.35;
                String name = grandParent ? persons.get(0).lastName() : pick(r, FrenchNames.FAMILY_NAMES);
                String first = pick(r, male ? FrenchNames.MALE_FIRST_NAMES : FrenchNames.FEMALE_FIRST_NAMES);
                int addressSlot = 0;
                if (r.nextDouble() < 0.6) {
                    addresses.add(address(r, 2));
                    addressSlot = 2;
                }
                persons.add(new Person(2, male, name, first, contactPhone(r), maybeEmail(r, first, name), addressSlot,
                        grandParent ? "39" : "90", false, grandParent));
            }
            return new Family(childName, persons, addresses);
        }

        private String contactPhone(Random r) {
            // 06 39 98 xx xx: the mobile range ARCEP reserves for fiction
            int x = r.nextInt(10_000);
            return r.nextDouble() < 0.75 ? String.format(Locale.ROOT, "06 39 98 %02d %02d", x / 100, x % 100) : null;
        }

        private String maybeEmail(Random r, String first, String last) {
            if (r.nextDouble() >= 0.65) {
                return null;
            }
            String f = ascii(first);
            String l = ascii(last);
            String local = switch (r.nextInt(5)) {
                case 0 -> f + "." + l;
                case 1 -> f + "." + l + (10 + r.nextInt(90));
                case 2 -> f.charAt(0) + "." + l;
                case 3 -> l + "." + f;
                default -> f + l;
            };
            String[] domains = {"example.com", "example.com", "example.net", "example.org"};
            return local + "@" + domains[r.nextInt(domains.length)];
        }

        private Address address(Random r, int slot) {
            if (r.nextDouble() < (slot == 0 ? 0.005 : 0.03)) {
                String[] f = FrenchPlaces.FOREIGN[r.nextInt(FrenchPlaces.FOREIGN.length)];
                return new Address(slot, f[0], "", "", "", null, null, new String[] {f[2], f[3], f[1]});
            }
            String[][] group = r.nextDouble() < 0.02
                    ? FrenchPlaces.COMMUNE_GROUPS[r.nextInt(FrenchPlaces.COMMUNE_GROUPS.length)] : communes;
            String[] commune = group[r.nextInt(group.length)];
            String number = (1 + r.nextInt(120)) + (r.nextDouble() < 0.05 ? " bis" : "");
            String line1 = number + " " + pick(r, FrenchPlaces.STREET_TYPES) + " " + pick(r, FrenchPlaces.STREET_NAMES);
            String line2 = r.nextDouble() < 0.2 ? pick(r, FrenchPlaces.COMPLEMENTS) : "";
            String line3 = r.nextDouble() < 0.05 ? pick(r, FrenchPlaces.LIEUX_DITS) : "";
            return new Address(slot, line1, line2, line3, "", commune[0], commune[1], null);
        }

        // ---------------------------------------------------------------- files

        private void parametres(IndentingXmlWriter x, String time) {
            x.open("PARAMETRES")
                    .leaf("UAJ", uai)
                    .leaf("ANNEE_SCOLAIRE", Integer.toString(year))
                    .leaf("DATE_EXPORT", date(LocalDate.of(year, 9, 15)))
                    .leaf("HORODATAGE", date(LocalDate.of(year, 9, 15)) + " " + time)
                    .end();
        }

        /** @return {number of divisions} */
        int[] writeNomenclature(Path file) throws IOException {
            try (IndentingXmlWriter x = new IndentingXmlWriter(file)) {
                x.open("BEE_NOMENCLATURES", "VERSION", "3.1");
                parametres(x, "08:29:05");
                x.open("DONNEES").open("MEFS");
                for (Level level : levels) {
                    String nbOpt = Integer.toString(level.nbOptOblig());
                    x.open("MEF", "CODE_MEF", level.mef())
                            .leaf("FORMATION", level.formation())
                            .leaf("LIBELLE_LONG", level.libelleLong())
                            .leaf("LIBELLE_EDITION", level.libelleEdition())
                            .leaf("STATUT_MEF", "1")
                            .leaf("MEF_RATTACHEMENT", level.mef())
                            .leaf("CODE_MEFSTAT", level.mefstat())
                            .leaf("NB_OPT_OBLIG", nbOpt)
                            .leaf("NB_OPT_MINI", nbOpt)
                            .leaf("RENFORCEMENT_LANGUES", "0")
                            .leaf("INSCRIPTION_ETAB", "1")
                            .leaf("MEF_ORIGINE", "1")
                            .leaf("MEF_SELECTIONNE", "1")
                            .leaf("MEF_SELORIG", "1")
                            .leaf("DATE_OUVERTURE", level.ouverture())
                            .leaf("DATE_FERMETURE", "31/12/9999")
                            .end();
                }
                x.end().open("MATIERES");
                List<String[]> subjects = new ArrayList<>(List.of(COMMON_SUBJECTS));
                subjects.addAll(List.of(kind == Kind.COLLEGE ? COLLEGE_SUBJECTS : LYCEE_SUBJECTS));
                for (String[] s : subjects) {
                    x.open("MATIERE", "CODE_MATIERE", s[0])
                            .leaf("CODE_GESTION", s[1])
                            .leaf("LIBELLE_COURT", s[2])
                            .leaf("LIBELLE_LONG", s[3])
                            .leaf("LIBELLE_EDITION", s[4])
                            .leaf("MATIERE_ETP", "0")
                            .end();
                }
                x.end().end().end();
            }
            int total = 0;
            for (int d : divisions) {
                total += d;
            }
            return new int[] {total};
        }

        void writeStructures(Path file) throws IOException {
            try (IndentingXmlWriter x = new IndentingXmlWriter(file)) {
                x.open("BEE_STRUCTURES", "VERSION", "3.1");
                parametres(x, "08:29:33");
                x.open("DONNEES").open("DIVISIONS");
                for (int l = 0; l < levels.length; l++) {
                    for (int d = 0; d < divisions[l]; d++) {
                        x.open("DIVISION", "CODE_STRUCTURE", divisionCode(l, d))
                                .leaf("LIBELLE_LONG", divisionLabel(l, d))
                                .open("MEFS_APPARTENANCE")
                                .open("MEF_APPARTENANCE").leaf("CODE_MEF", levels[l].mef()).end()
                                .end()
                                .end();
                    }
                }
                x.end().open("GROUPES");
                for (Group g : groups) {
                    x.open("GROUPE", "CODE_STRUCTURE", g.code())
                            .leaf("LIBELLE_LONG", g.label())
                            .open("DIVISIONS_APPARTENANCE");
                    for (int l : g.levels()) {
                        for (int d = 0; d < divisions[l]; d++) {
                            x.empty("DIVISION_APPARTENANCE", "CODE_STRUCTURE", divisionCode(l, d));
                        }
                    }
                    x.end().end();
                }
                x.end().end().end();
            }
        }

        void writeEleves(Path file) throws IOException {
            try (IndentingXmlWriter x = new IndentingXmlWriter(file)) {
                x.open("BEE_ELEVES", "VERSION", "2.1");
                parametres(x, "08:30:12");
                x.open("DONNEES").open("ELEVES");
                for (int i = 0; i < n; i++) {
                    Student s = student(i);
                    Level level = levels[s.level()];
                    String id = Long.toString(s.eleveId());
                    x.open("ELEVE", "ELEVE_ID", id, "ELENOET", Long.toString(s.elenoet()))
                            .optional("ID_NATIONAL", s.ine())
                            .leaf("ELENOET", s.elenoet())
                            .leaf("NOM_DE_FAMILLE", family(root(i)).childName())
                            .optional("NOM_USAGE", s.nomUsage())
                            .leaf("PRENOM", s.prenom())
                            .optional("PRENOM2", s.prenom2())
                            .optional("PRENOM3", s.prenom3())
                            .leaf("DATE_NAISS", date(s.birth()))
                            .leaf("CODE_SEXE", s.boy() ? "1" : "2")
                            .leaf("CODE_MEF", level.mef())
                            .leaf("CODE_STATUT", "ST")
                            .leaf("DATE_ENTREE", date(s.entree()))
                            .optional("DATE_SORTIE", s.sortie() == null ? null : date(s.sortie()));
                    if (s.previousUai() != null) {
                        x.open("SCOLARITE_AN_DERNIER");
                        if (s.level() > 0) {
                            x.leaf("CODE_MEF", levels[s.level() - 1].mef());
                        }
                        x.leaf("CODE_RNE", s.previousUai()).end();
                    }
                    x.leaf("CODE_REGIME", s.regime())
                            .leaf("DOUBLEMENT", s.repeating() ? "1" : "0")
                            .end();
                }
                x.end().open("STRUCTURES");
                for (int i = 0; i < n; i++) {
                    Student s = student(i);
                    x.open("STRUCTURES_ELEVE", "ELEVE_ID", Long.toString(s.eleveId()))
                            .open("STRUCTURE")
                            .leaf("CODE_STRUCTURE", s.inactive() ? INACTIFS : divisionOf(i))
                            .leaf("TYPE_STRUCTURE", "D")
                            .end();
                    if (s.group() != null) {
                        x.open("STRUCTURE")
                                .leaf("CODE_STRUCTURE", s.group().code())
                                .leaf("TYPE_STRUCTURE", "G")
                                .end();
                    }
                    x.end();
                }
                x.end().end().end();
            }
        }

        /** @return {persons, links, addresses} */
        long[] writeResponsables(Path file) throws IOException {
            long persons = 0;
            long links = 0;
            long addresses = 0;
            try (IndentingXmlWriter x = new IndentingXmlWriter(file)) {
                x.open("BEE_RESPONSABLES", "VERSION", "2.1");
                parametres(x, "08:31:47");
                x.open("DONNEES").open("PERSONNES");
                for (int i = 0; i < n; i++) {
                    if (root(i) != i) {
                        continue;
                    }
                    for (Person p : family(i).persons()) {
                        x.open("PERSONNE", "PERSONNE_ID", Long.toString(personId(i, p.slot())))
                                .leaf("LC_CIVILITE", p.male() ? "M." : "MME")
                                .leaf("LL_CIVILITE", p.male() ? "Monsieur" : "Madame")
                                .leaf("NOM_DE_FAMILLE", p.lastName())
                                .leaf("PRENOM", p.firstName())
                                .optional("TEL_PORTABLE", p.phone())
                                .optional("ACCEPTE_SMS", p.phone() == null ? null : "1")
                                .optional("MEL", p.email())
                                .leaf("ADRESSE_ID", personId(i, p.addressSlot()))
                                .end();
                        persons++;
                    }
                }
                x.end().open("RESPONSABLES");
                for (int i = 0; i < n; i++) {
                    int root = root(i);
                    long eleveId = idBase + i + 1;
                    for (Person p : family(root).persons()) {
                        x.open("RESPONSABLE_ELEVE")
                                .leaf("ELEVE_ID", eleveId)
                                .leaf("PERSONNE_ID", personId(root, p.slot()));
                        boolean legal = p.slot() < 2;
                        if (format == GuardianFormat.RESP_LEGAL) {
                            x.leaf("RESP_LEGAL", legal ? Integer.toString(p.slot() + 1) : "0")
                                    .leaf("CODE_PARENTE", p.codeParente())
                                    .leaf("RESP_FINANCIER", p.payer() ? "1" : "0")
                                    .leaf("PERS_CONTACT", p.contact() ? "1" : "0");
                        } else {
                            x.leaf("NIVEAU_RESPONSABILITE", legal ? "1" : p.contact() ? "2" : "3")
                                    .leaf("CODE_PARENTE", p.codeParente())
                                    .leaf("PAIE_FRAIS_SCOLAIRES", p.payer() ? "1" : "0");
                        }
                        x.end();
                        links++;
                    }
                }
                x.end().open("ADRESSES");
                for (int i = 0; i < n; i++) {
                    if (root(i) != i) {
                        continue;
                    }
                    for (Address a : family(i).addresses()) {
                        x.open("ADRESSE", "ADRESSE_ID", Long.toString(personId(i, a.slot())))
                                .leaf("LIGNE1_ADRESSE", a.line1())
                                .leaf("LIGNE2_ADRESSE", a.line2())
                                .leaf("LIGNE3_ADRESSE", a.line3())
                                .leaf("LIGNE4_ADRESSE", a.line4());
                        if (a.foreign() == null) {
                            x.leaf("CODE_POSTAL", a.postalCode())
                                    .leaf("LIBELLE_POSTAL", a.postalLabel())
                                    .leaf("CODE_PAYS", "100")
                                    .leaf("LL_PAYS", "FRANCE");
                        } else {
                            x.leaf("CODE_PAYS", a.foreign()[1])
                                    .leaf("LL_PAYS", a.foreign()[0])
                                    .leaf("COMMUNE_ETRANGERE", a.foreign()[2]);
                        }
                        x.end();
                        addresses++;
                    }
                }
                x.end().end().end();
            }
            return new long[] {persons, links, addresses};
        }

        /** PERSONNE_ID and ADRESSE_ID share this numbering: (index+1)·10⁸ + 3·root + slot + 1. */
        private long personId(int root, int slot) {
            return personBase + 3L * root + slot + 1;
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** SplitMix64-style mixing of a seed with two numbers: independent streams per (index, salt). */
    static long mix(long seed, long i, long salt) {
        long z = seed * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + salt * 0x94D049BB133111EBL + 0x2545F4914F6CDD1DL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    private static String pickOther(Random r, String[] values, String not) {
        String v = pick(r, values);
        return v.equals(not) ? values[(indexOf(values, v) + 1) % values.length] : v;
    }

    private static int indexOf(String[] values, String v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i].equals(v)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** dd/MM/yyyy, always ASCII digits. */
    static String date(LocalDate d) {
        StringBuilder b = new StringBuilder(10);
        if (d.getDayOfMonth() < 10) {
            b.append('0');
        }
        b.append(d.getDayOfMonth()).append('/');
        if (d.getMonthValue() < 10) {
            b.append('0');
        }
        b.append(d.getMonthValue()).append('/').append(d.getYear());
        return b.toString();
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NOT_LETTER = Pattern.compile("[^a-z-]");
    private static final Pattern HYPHENS = Pattern.compile("-+");

    /** Lower-case ASCII for e-mail local parts: "Lœuillet" → "loeuillet", "N'Diaye" → "ndiaye". */
    static String ascii(String s) {
        String t = s.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("ß", "ss");
        t = MARKS.matcher(Normalizer.normalize(t, Normalizer.Form.NFD)).replaceAll("");
        t = HYPHENS.matcher(NOT_LETTER.matcher(t.toLowerCase(Locale.ROOT)).replaceAll("")).replaceAll("-");
        return t.isEmpty() ? "x" : t;
    }
}
