package fr.adminteleservices.benchmark;

import static fr.adminteleservices.benchmark.Machine.gcCount;
import static fr.adminteleservices.benchmark.Machine.gcMillis;
import static fr.adminteleservices.benchmark.Machine.loadAverage;

import fr.adminteleservices.notification.letters.Letter;
import fr.adminteleservices.notification.letters.Letter.Addressee;
import fr.adminteleservices.notification.letters.Letter.Holder;
import fr.adminteleservices.notification.letters.Letter.Sender;
import fr.adminteleservices.notification.letters.Letter.Variant;
import fr.adminteleservices.notification.letters.LetterRenderer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Random;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Letter rendering benchmark: N generated notification letters (default 2,000; mixed: guardian normal 40 %,
 * guardian continuity 20 %, student normal 25 %, student continuity 15 %; 2 to 8 services each) rendered by
 * {@link LetterRenderer#render} into one PDF, {@code target/letter-benchmark.pdf}. The letters are generated lazily
 * by the iterator, one at a time, as a database cursor would give them: nothing holds them all.
 * No Spring context, no database.
 *
 * <p>Prints letters/s, total time, pages, the PDF's size and three heap figures:
 * <ul>
 *   <li>sampled peak: heap used ({@code MemoryMXBean}) read every 50 ms by a background thread, the maximum seen
 *       (it counts garbage not yet collected, so it grows with -Xmx: G1 collects late when it may);</li>
 *   <li>pools' peak: the sum of the heap pools' peak usage since a {@code System.gc()} and
 *       {@code resetPeakUsage()} just before the run (same caveat);</li>
 *   <li>max after GC: the largest heap used right after a collection during the run (GC notifications): the
 *       closest to the live set, the figure that shows memory stays flat.</li>
 * </ul>
 * The real bound is the smallest -Xmx that passes. Measured (FOP 2.11): the FO and area trees of a letter are freed
 * when its page-sequence ends, but FOP's PDF writer keeps about 4 KB per page for the whole document (a PDFPage per
 * page, the page-sequence list, the cross-reference offsets), and it keeps each page's content stream softly
 * reachable (a de-duplication map of PDFDocumentHandler): the GC reclaims those only under pressure, so with a large
 * -Xmx the heap fills with them (that is the sampled peak), while 2,000 letters also pass with {@code -Xmx32m}.
 *
 * <p>Not a timed test: it measures and prints, and fails (exit status 1) only when the result is wrong (letter or
 * page count, pages out of order), never on a time. A warm-up rendering (default 200 letters, to a null stream, not
 * counted) comes first: the first rendering pays for class loading, the stylesheet's compilation and the JIT.
 *
 * <p>Arguments: {@code --letters N} (2,000), {@code --warm-up N} (200, 0 for none), {@code --out FILE}
 * ({@code target/letter-benchmark.pdf}). Suggested JVM arguments: {@code -Xmx512m}.
 */
public final class LetterBenchmark {

    private static final String[] FIRST_NAMES = {"Walid", "Léa", "Françoise", "Noé", "Zoé", "Maël", "Chloé", "Éloïse",
        "Gaëtan", "Inès", "Jérôme", "Anaïs", "Hélène", "Loïc", "Océane", "Thaïs", "Benoît", "Cécile", "Raphaël", "Amélie"};
    private static final String[] LAST_NAMES = {"Amrani", "Durand", "Lœuvre", "Martin", "Bernard", "Lefèvre", "Dubœuf",
        "Moreau", "Girard", "Roux", "Fontaine", "Mercier", "Bonnet", "d’Arçon", "Lambert", "Faure", "Rousseau"};
    private static final String[] DIVISIONS = {"2NDE1", "2NDE2", "1G3", "1STMG", "TG2", "TSTI2D", "1ES3", null};
    private static final String[] STREETS = {"allée des Tilleuls", "rue Émile Zola", "avenue de l’Europe",
        "chemin des Écoliers", "place Jean Jaurès", "boulevard Gambetta"};
    private static final String[] CITIES = {"80000 Amiens", "80090 Amiens", "80100 Abbeville", "60200 Compiègne",
        "02100 Saint-Quentin"};
    private static final String[] SERVICES = {"Consultation des absences", "Consultation des notes",
        "Consultation du livret personnel de compétences", "Espace numérique de travail", "Cahier de textes",
        "Brevet informatique et internet", "Fiche de renseignements", "Demande de bourse", "Orientation",
        "Paiement en ligne de la restauration"};
    private static final String CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final Sender SENDER = new Sender("Lycée Général Émile Zola & Cie",
            List.of("57 rue du Docteur Lemoine", "BP 2104", "80000 Amiens"), "Patrick Till");

    public static void main(String[] args) throws Exception {
        int letters = 2_000;
        int warmUp = 200;
        Path out = Path.of("target", "letter-benchmark.pdf");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--letters" -> letters = Integer.parseInt(args[++i]);
                case "--warm-up" -> warmUp = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument: " + args[i]
                        + " (--letters N --warm-up N --out FILE)");
            }
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "%nLetter benchmark: %,d letters (warm-up %,d); %d processors, max heap %,d MB,"
                        + " Java %s; load average %s%n", letters, warmUp, rt.availableProcessors(), rt.maxMemory() >> 20,
                System.getProperty("java.version"), loadAverage());

        LetterRenderer renderer = new LetterRenderer();
        if (warmUp > 0) {
            long t = System.nanoTime();
            LetterRenderer.Rendered w = renderer.render(generated(warmUp, 7L), OutputStream.nullOutputStream());
            System.out.printf(Locale.ROOT, "Warm-up (not counted): %,d letters, %,d pages in %,d ms%n", w.letters(),
                    w.pages(), (System.nanoTime() - t) / 1_000_000);
        }

        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long gcCountBefore = gcCount();
        long gcMillisBefore = gcMillis();
        HeapWatch watch = HeapWatch.start();
        String loadBefore = loadAverage();
        Files.createDirectories(out.toAbsolutePath().getParent());
        long start = System.nanoTime();
        LetterRenderer.Rendered rendered;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 64 * 1024)) {
            rendered = renderer.render(generated(letters, 42L), file);
        }
        long nanos = System.nanoTime() - start;
        watch.stop();
        long poolsPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long size = Files.size(out);

        double seconds = nanos / 1e9;
        System.out.printf(Locale.ROOT, "Rendered %,d letters, %,d pages in %,.2f s: %,.0f letters/s (%.2f ms per letter)%n",
                rendered.letters(), rendered.pages(), seconds, rendered.letters() / seconds,
                nanos / 1e6 / rendered.letters());
        System.out.printf(Locale.ROOT, "PDF: %s, %,.2f MB (%,.1f KB per letter)%n", out.toAbsolutePath(), size / 1e6,
                size / 1024.0 / rendered.letters());
        System.out.printf(Locale.ROOT, "Heap: sampled peak (every 50 ms) %,d MB; pools' peak %,d MB; max used after GC"
                        + " %,d MB (%d collections during the run, %,d ms); max heap %,d MB%n",
                watch.sampledPeak.get() >> 20, poolsPeak >> 20, watch.maxAfterGc.get() >> 20,
                gcCount() - gcCountBefore, gcMillis() - gcMillisBefore, rt.maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "Load average %s before, %s after%n", loadBefore, loadAverage());

        boolean ok = check(out, letters, rendered);
        System.out.printf("%n%s%n%n", ok ? "Letter benchmark: all checks passed." : "Letter benchmark: CHECKS FAILED.");
        if (!ok) {
            System.exit(1);
        }
    }

    /** Not timed: the PDF read back has one page per letter (no letter needs two here), in order. */
    private static boolean check(Path out, int letters, LetterRenderer.Rendered rendered) throws IOException {
        boolean ok = true;
        if (rendered.letters() != letters || rendered.pages() != letters) {
            System.out.printf("CHECK FAILED: %d letters and %d pages rendered, %d expected%n", rendered.letters(),
                    rendered.pages(), letters);
            ok = false;
        }
        List<Letter> expected = new ArrayList<>();
        generated(letters, 42L).forEach(l -> {
            if (expected.size() < 3) {
                expected.add(l);
            }
        });
        Letter last = null;
        for (Letter l : generated(letters, 42L)) {
            last = l;
        }
        try (PDDocument pdf = Loader.loadPDF(out.toFile())) {
            if (pdf.getNumberOfPages() != rendered.pages()) {
                System.out.printf("CHECK FAILED: the PDF has %d pages, %d reported%n", pdf.getNumberOfPages(),
                        rendered.pages());
                ok = false;
            }
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= expected.size() + 1; page++) {
                Letter l = page <= expected.size() ? expected.get(page - 1) : last;
                int p = page <= expected.size() ? page : pdf.getNumberOfPages();
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                String text = stripper.getText(pdf).replace('\u00A0', ' ').replaceAll("\\s+", " ");
                String address = l.addressee().lines().get(0);
                boolean codeRight = l.variant() == Variant.NORMAL ? text.contains(l.code())
                        : !text.contains("Code d’Activation");
                if (!text.contains(address) || !codeRight) {
                    System.out.printf("CHECK FAILED: page %d is not the letter to %s%n", p, address);
                    ok = false;
                }
            }
        }
        return ok;
    }

    /** N letters made up one at a time by the iterator (nothing holds them all), the same for the same seed. */
    static Iterable<Letter> generated(int count, long seed) {
        return () -> new Iterator<>() {
            private final Random random = new Random(seed);
            private int made;

            @Override
            public boolean hasNext() {
                return made < count;
            }

            @Override
            public Letter next() {
                if (made >= count) {
                    throw new NoSuchElementException();
                }
                made++;
                return letter(random, made);
            }
        };
    }

    private static Letter letter(Random random, int index) {
        int kind = random.nextInt(100);
        Holder holder = kind < 60 ? Holder.GUARDIAN : Holder.STUDENT;
        Variant variant = kind < 40 || (kind >= 60 && kind < 85) ? Variant.NORMAL : Variant.CONTINUITY;
        String student = pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES);
        String division = pick(random, DIVISIONS);
        List<String> services = new ArrayList<>(List.of(SERVICES));
        java.util.Collections.shuffle(services, random);
        services = services.subList(0, 2 + random.nextInt(7));
        Addressee addressee;
        String reference = null;
        if (holder == Holder.GUARDIAN) {
            String civility = random.nextBoolean() ? "Madame" : "Monsieur";
            addressee = new Addressee(random.nextInt(4) == 0 ? "Madame, Monsieur" : civility,
                    List.of(civility + " " + pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES) + " n°" + index,
                            (1 + random.nextInt(120)) + " " + pick(random, STREETS), pick(random, CITIES)));
            reference = String.format(Locale.ROOT, "C%06d-%d", index, 1 + random.nextInt(2));
        } else {
            addressee = new Addressee(random.nextBoolean() ? "Mademoiselle" : "Monsieur",
                    division == null ? List.of(student + " n°" + index) : List.of(student + " n°" + index, division));
        }
        String code = variant == Variant.NORMAL ? code(random) : null;
        return new Letter(holder, variant, LocalDate.of(2026, 11, 29), SENDER, addressee, student, division, code,
                LocalDate.of(2026, 12, 1 + random.nextInt(20)), "https://teleservices.ac-amiens.fr", services,
                reference);
    }

    private static String code(Random random) {
        StringBuilder s = new StringBuilder(17);
        for (int i = 0; i < 15; i++) {
            if (i > 0 && i % 5 == 0) {
                s.append('-');
            }
            s.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return s.toString();
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    // ----------------------------------------------------------------------------------------------- heap


}
