package fr.adminteleservices.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.adminteleservices.notification.letters.Letter;
import fr.adminteleservices.notification.letters.Letter.Addressee;
import fr.adminteleservices.notification.letters.Letter.Holder;
import fr.adminteleservices.notification.letters.Letter.Sender;
import fr.adminteleservices.notification.letters.Letter.Variant;
import fr.adminteleservices.notification.letters.LetterRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The notification letters (guide §4.4 guardian, §5.3 student) rendered to PDF and read back with PDFBox. The text
 * read back has its white space normalised (line breaks and no-break spaces become single spaces), so a sentence
 * is found whatever the line it wraps on.
 */
class LetterRendererTest {

    private static final LetterRenderer RENDERER = new LetterRenderer();

    private static final String DATA_PROTECTION = "Conformément à la loi « informatique et libertés » du 6 janvier 1978"
            + " modifiée en 2004, vous bénéficiez d’un droit d’accès et de rectification aux informations qui vous"
            + " concernent, que vous pouvez exercer en vous adressant au chef d’établissement.";
    private static final String CODE = "7KQ4M-2XP9R-TDWAB";
    private static final String URL = "https://teleservices.ac-exemple.fr";
    private static final List<String> SERVICES = List.of("Consultation des absences",
            "Consultation du livret personnel de compétences", "Consultation des notes", "Espace numérique de travail",
            "Brevet informatique et internet");
    private static final Sender SENDER = new Sender("LYCEE ALBERT TRIBOULET",
            List.of("57 rue du Docteur Lemoine", "80000 Amiens"), "Patrick Till");

    // ------------------------------------------------------------------------------------------- guardian

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} → {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "Axelle MARTIN  | munissez-vous de ce code et de la date de naissance d’Axelle MARTIN.",
            "Élodie PETIT   | munissez-vous de ce code et de la date de naissance d’Élodie PETIT.",
            "Hugo BERNARD   | munissez-vous de ce code et de la date de naissance d’Hugo BERNARD.",
            "Œlia ROUX      | munissez-vous de ce code et de la date de naissance d’Œlia ROUX.",
            "Bruno DURAND   | munissez-vous de ce code et de la date de naissance de Bruno DURAND.",
            "Yanis MOREAU   | munissez-vous de ce code et de la date de naissance de Yanis MOREAU."})
    void theStudentsNameAfterDeIsElidedBeforeAVowelOrAMuteH(String student, String sentence) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(RENDERER.renderOne(guardian(Variant.NORMAL, "3A", student, "ref-1")))) {
            String text = text(pdf);
            assertThat(text).contains(sentence);
            assertThat(text).doesNotContain("de A", "de É", "de H", "de Œ");
        }
    }


    @Test
    void guardianNormalLetterHasTheCodeTheServicesAndTheCoupon() throws IOException {
        Letter letter = guardian(Variant.NORMAL, "1ES3", "Walid Amrani", "ref-0042");
        try (PDDocument pdf = Loader.loadPDF(RENDERER.renderOne(letter))) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            String text = text(pdf);
            assertThat(text).contains("LYCEE ALBERT TRIBOULET", "57 rue du Docteur Lemoine", "80000 Amiens",
                    "Madame Nadia Amrani", "12 allée des Tilleuls", "80090 Amiens",
                    "Le 29 novembre 2026", "Objet : accès aux téléservices", "Madame, Monsieur,",
                    "Vous trouverez ci-dessous un code à usage unique qui vous permettra de créer un compte internet"
                            + " pour accéder aux services proposés par le LYCEE ALBERT TRIBOULET pour Walid Amrani,"
                            + " élève de 1ES3.",
                    "Code d’Activation Responsable", CODE, "dès le 08/10/2026",
                    "Vous disposerez alors des services suivants :",
                    "Pour cela, il suffit de vous connecter à l’adresse suivante : " + URL,
                    "Pour créer votre compte, munissez-vous de ce code et de la date de naissance de Walid Amrani.",
                    "renseigné et signé. Dans ce cas l’élève conservera toutefois accès aux applications pédagogiques"
                            + " mises à sa disposition durant le temps scolaire.",
                    "Veuillez agréer, Madame, Monsieur, mes salutations distinguées.",
                    "Le chef d’établissement, Patrick Till", DATA_PROTECTION);
            assertThat(text).contains(SERVICES.stream().map(s -> "• " + s).toList());
            assertCoupon(text, "Walid Amrani, élève de 1ES3", "Walid Amrani", "ref-0042");
            assertThat(text).doesNotContain("sous réserve", "charte", "Bien cordialement", "Je vous informe");
            // the guide's order: body, footer, signature, mention, then the coupon to cut off
            assertThat(text.indexOf(CODE)).isLessThan(text.indexOf("Veuillez agréer"));
            assertThat(text.indexOf(DATA_PROTECTION)).isLessThan(text.indexOf("✂"));
            assertThat(text.indexOf("✂")).isLessThan(text.indexOf("Refus d’accès aux téléservices"));
        }
    }

    @Test
    void withoutDivisionTheLetterOmitsTheClass() throws IOException {
        Letter letter = guardian(Variant.NORMAL, null, "Walid Amrani", "ref-0043");
        String text = text(RENDERER.renderOne(letter));
        assertThat(text).contains("proposés par le LYCEE ALBERT TRIBOULET pour Walid Amrani.",
                "Je renonce à l’accès aux téléservices concernant Walid Amrani (cocher la ou les options souhaitées) :");
        assertThat(text).doesNotContain("élève de");
    }

    @Test
    void guardianContinuityLetterHasNoCodeButTheAccountAndTheCoupon() throws IOException {
        Letter letter = guardian(Variant.CONTINUITY, "1ES3", "Walid Amrani", "ref-0044");
        try (PDDocument pdf = Loader.loadPDF(RENDERER.renderOne(letter))) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            String text = text(pdf);
            assertThat(text).contains("Le 29 novembre 2026", "Objet : accès aux téléservices", "Madame, Monsieur,",
                    "Je vous informe que vous pouvez continuer cette année d’utiliser ce même compte pour les services"
                            + " suivants :",
                    "Pour cela, il suffit de vous connecter à l’adresse suivante : " + URL + " dès le 08/10/2026",
                    "Veuillez agréer, Madame, Monsieur, mes salutations distinguées.", DATA_PROTECTION);
            assertThat(text).contains(SERVICES);
            assertThat(text).doesNotContain(CODE, "Code d’Activation", "usage unique", "Pour créer votre compte");
            assertCoupon(text, "Walid Amrani, élève de 1ES3", "Walid Amrani", "ref-0044");
        }
    }

    @Test
    void aContinuityLetterNeverPrintsTheCodeEvenIfGivenOne() throws IOException {
        Letter letter = new Letter(Holder.GUARDIAN, Variant.CONTINUITY, LocalDate.of(2026, 11, 29), SENDER,
                new Addressee("Monsieur", List.of("Monsieur Paul Durand")), "Léa Durand", "2NDE1", CODE,
                LocalDate.of(2026, 10, 8), URL, SERVICES, "ref-1");
        assertThat(text(RENDERER.renderOne(letter))).doesNotContain(CODE).contains("Veuillez agréer, Monsieur,");
    }

    // -------------------------------------------------------------------------------------------- student

    @Test
    void studentNormalLetterHasTheCodeTheReservationAndTheCharterButNoCoupon() throws IOException {
        Letter letter = student(Variant.NORMAL, CODE);
        try (PDDocument pdf = Loader.loadPDF(RENDERER.renderOne(letter))) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            String text = text(pdf);
            assertThat(text).contains("LYCEE ALBERT TRIBOULET", "Léa Durand", "2NDE1", "Le 29 novembre 2026",
                    "Objet : accès aux téléservices", "Mademoiselle,",
                    "Vous trouverez ci-dessous un code à usage unique qui vous permettra de créer un compte internet"
                            + " pour accéder aux services proposés par le LYCEE ALBERT TRIBOULET.",
                    "Code d’Activation Elève", CODE, "dès le 08/10/2026",
                    "Vous disposerez alors des services suivants, sous réserve de l’accord de vos responsables"
                            + " légaux :",
                    "Pour cela, il suffit de vous connecter à l’adresse suivante : " + URL,
                    "Concernant les règles de bon usage de ces téléservices, merci de vous référer à la charte"
                            + " correspondante jointe au règlement intérieur.",
                    "Bien cordialement,", "Le chef d’établissement, Patrick Till", DATA_PROTECTION);
            assertThat(text).contains(SERVICES);
            assertNoCoupon(text);
        }
    }

    @Test
    void studentContinuityLetterHasNoCode() throws IOException {
        Letter letter = student(Variant.CONTINUITY, null);
        try (PDDocument pdf = Loader.loadPDF(RENDERER.renderOne(letter))) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            String text = text(pdf);
            assertThat(text).contains("Mademoiselle,",
                    "Je vous informe que vous pouvez continuer cette année d’utiliser ce même compte pour les services"
                            + " suivants, sous réserve de l’accord de vos responsables légaux :",
                    "Pour cela, il suffit de vous connecter à l’adresse suivante : " + URL + " dès le 08/10/2026",
                    "Concernant les règles de bon usage de ces téléservices, merci de vous référer à la charte"
                            + " correspondante jointe au règlement intérieur.",
                    "Bien cordialement,", DATA_PROTECTION);
            assertThat(text).contains(SERVICES);
            assertThat(text).doesNotContain(CODE, "Code d’Activation", "usage unique");
            assertNoCoupon(text);
        }
    }

    // ------------------------------------------------------------------------------------ glyphs, fonts, XML

    @Test
    void everyFrenchGlyphComesBackExactly() throws IOException {
        String name = "Françoise-Ève Lœuvre « Zoé » d’Arçon";
        String establishment = "Lycée Général Émile Zola & Cie";
        Letter letter = new Letter(Holder.GUARDIAN, Variant.NORMAL, LocalDate.of(2026, 12, 1),
                new Sender(establishment, List.of("Œuvre de l’Île-Maurice – 3 bis, rue Ÿves-Dâûç", "97400 Saint-Denis"),
                        "Hélène Bœuf-Næss"),
                new Addressee("Madame", List.of("Madame Éléonore Lœuvre", "Bâtiment Ô, escalier Ä")),
                name, "TERM ÉCO", CODE, LocalDate.of(2026, 12, 2), URL, List.of("Cahier de textes – œuvres"), "ref-é");
        String text = text(RENDERER.renderOne(letter));
        assertThat(text).contains(name, establishment, "Œuvre de l’Île-Maurice – 3 bis, rue Ÿves-Dâûç",
                "Hélène Bœuf-Næss", "Madame Éléonore Lœuvre", "Bâtiment Ô, escalier Ä", "Le 1er décembre 2026",
                "proposés par le " + establishment + " pour " + name + ", élève de TERM ÉCO.",
                "dès le 02/12/2026", "Cahier de textes – œuvres", "☐ pour l’élève " + name, "Référence : ref-é");
    }

    @Test
    void valuesWithXmlSpecialCharactersPrintAsTheyAre() throws IOException {
        Letter letter = new Letter(Holder.STUDENT, Variant.NORMAL, LocalDate.of(2026, 11, 29),
                new Sender("Lycée <Pilote> & \"Cie\" 'Sud'", List.of("1 rue A & B <bis>"), "M. <Chef> & Co"),
                new Addressee("Monsieur", List.of("Tom & Jerry <Lefèvre>", "]]> &amp; &#233;")),
                "Tom & Jerry <Lefèvre>", "2<A>&", CODE, LocalDate.of(2026, 10, 8),
                "https://ts.example.fr/?a=1&b=<2>", List.of("Notes & absences <trimestre>", "Vie \"scolaire\""), null);
        String text = text(RENDERER.renderOne(letter));
        assertThat(text).contains("Lycée <Pilote> & \"Cie\" 'Sud'", "1 rue A & B <bis>", "M. <Chef> & Co",
                "Tom & Jerry <Lefèvre>", "]]> &amp; &#233;", "https://ts.example.fr/?a=1&b=<2>",
                "Notes & absences <trimestre>", "Vie \"scolaire\"");
    }

    @Test
    void allFontsAreEmbeddedDejaVuNeverTimes() throws IOException {
        for (Letter letter : List.of(guardian(Variant.NORMAL, "1ES3", "Walid Amrani", "r1"),
                guardian(Variant.CONTINUITY, "1ES3", "Walid Amrani", "r2"), student(Variant.NORMAL, CODE),
                student(Variant.CONTINUITY, null))) {
            try (PDDocument pdf = Loader.loadPDF(RENDERER.renderOne(letter))) {
                List<String> fonts = new ArrayList<>();
                for (PDPage page : pdf.getPages()) {
                    PDResources resources = page.getResources();
                    for (COSName name : resources.getFontNames()) {
                        PDFont font = resources.getFont(name);
                        fonts.add(font.getName());
                        assertThat(font.isEmbedded()).as("%s embedded", font.getName()).isTrue();
                        assertThat(font.getName()).contains("DejaVuSans").doesNotContainIgnoringCase("Times");
                    }
                }
                // regular for the text, bold for the titles, the code and the URL
                assertThat(fonts).anyMatch(f -> f.endsWith("DejaVuSans")).anyMatch(f -> f.endsWith("DejaVuSans-Bold"));
            }
        }
    }

    /**
     * A new node's first two notifications print at once: FOP builds its PDF renderer's configuration (our fonts) on
     * the first rendering, in a map that is not thread-safe, and two first renderings at once left every later letter
     * of the node in Times without « ☐ » and « ✂ » (national-peak benchmark, two paper jobs on a fresh node).
     */
    @Test
    void lettersRenderedAtOnceByANewRendererAllHaveTheirFonts() throws Exception {
        int threads = 4;
        for (int round = 0; round < 5; round++) {
            LetterRenderer fresh = new LetterRenderer();
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(threads);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            try {
                List<java.util.concurrent.Future<byte[]>> pdfs = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    pdfs.add(pool.submit(() -> {
                        together.await();
                        return fresh.renderOne(guardian(Variant.NORMAL, "3A", "Léa Martin", "r"));
                    }));
                }
                for (java.util.concurrent.Future<byte[]> pdf : pdfs) {
                    assertThat(fontsOf(pdf.get())).allMatch(f -> f.contains("DejaVuSans"));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static List<String> fontsOf(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<String> fonts = new ArrayList<>();
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    fonts.add(page.getResources().getFont(name).getName());
                }
            }
            return fonts;
        }
    }

    @Test
    void metadataTitleAndCreator() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(RENDERER.renderOne(student(Variant.NORMAL, CODE)))) {
            assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo("Notification des codes d’activation")
                    .isEqualTo(LetterRenderer.TITLE);
            assertThat(pdf.getDocumentInformation().getCreator()).isEqualTo("Admin Téléservices");
        }
    }

    // ------------------------------------------------------------------------------------------- many letters

    @Test
    void threeLettersGiveThreePagesInOrder() throws IOException {
        List<Letter> letters = List.of(guardian(Variant.NORMAL, "1ES3", "Alice Premier", "ref-1"),
                student(Variant.CONTINUITY, null), guardian(Variant.CONTINUITY, "3B", "Charles Troisième", "ref-3"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LetterRenderer.Rendered rendered = RENDERER.render(letters, out);
        assertThat(rendered).isEqualTo(new LetterRenderer.Rendered(3, 3));
        try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(3);
            assertThat(pageText(pdf, 1)).contains("pour Alice Premier, élève de 1ES3.", CODE, "Référence : ref-1")
                    .doesNotContain("Léa Durand", "Charles Troisième");
            assertThat(pageText(pdf, 2)).contains("Léa Durand", "sous réserve de l’accord de vos responsables légaux")
                    .doesNotContain("Alice Premier", "Charles Troisième", "Refus d’accès");
            assertThat(pageText(pdf, 3)).contains("Charles Troisième, élève de 3B", "Référence : ref-3")
                    .doesNotContain(CODE, "Alice Premier", "Léa Durand");
        }
    }

    @Test
    void lettersAreTakenLazilyAndPagesWrittenAsTheyGo() throws IOException {
        int count = 300;
        AtomicLong writtenWhenLastRequested = new AtomicLong(-1);
        CountingOutputStream out = new CountingOutputStream();
        Iterable<Letter> lazy = () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Letter next() {
                if (next >= count) {
                    throw new NoSuchElementException();
                }
                next++;
                if (next == count) {
                    writtenWhenLastRequested.set(out.count);
                }
                return next % 2 == 0 ? guardian(Variant.NORMAL, "1ES3", "Élève " + next, "ref-" + next)
                        : student(Variant.NORMAL, CODE);
            }
        };
        LetterRenderer.Rendered rendered = RENDERER.render(lazy, out);
        assertThat(rendered).isEqualTo(new LetterRenderer.Rendered(count, count));
        // the pages went out while the letters were still coming: only the last page and the fonts remain
        assertThat(writtenWhenLastRequested.get()).isGreaterThan(out.count / 2);
        try (PDDocument pdf = Loader.loadPDF(out.bytes.toByteArray())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(count);
            assertThat(pageText(pdf, 150)).contains("pour Élève 150, élève de 1ES3.");
        }
    }

    @Test
    void aLongLetterTakesTwoPagesAndTheCouponStaysWhole() throws IOException {
        List<String> services = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            services.add("Service numéro " + i);
        }
        Letter letter = new Letter(Holder.GUARDIAN, Variant.NORMAL, LocalDate.of(2026, 11, 29), SENDER,
                new Addressee("Monsieur", List.of("Monsieur Paul Durand", "12 allée des Tilleuls", "80090 Amiens")),
                "Léa Durand", "2NDE1", CODE, LocalDate.of(2026, 10, 8), URL, services, "ref-long");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(RENDERER.render(List.of(letter, student(Variant.NORMAL, CODE)), out))
                .isEqualTo(new LetterRenderer.Rendered(2, 3));
        try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
            String second = pageText(pdf, 2);
            // the next letter starts on its own page, numbered from 1 again (no "suite" on its first page)
            assertThat(second).startsWith("Monsieur Paul Durand – suite du courrier, page 2")
                    .contains("Refus d’accès aux téléservices", "☐ pour moi-même", "Date et signature :",
                            "Référence : ref-long");
            assertThat(pageText(pdf, 1)).doesNotContain("Refus d’accès", "suite du courrier");
            assertThat(pageText(pdf, 3)).contains("Code d’Activation Elève").doesNotContain("suite du courrier");
        }
    }

    @Test
    void noLetterIsAnError() {
        assertThatThrownBy(() -> RENDERER.render(List.of(), new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void assertCoupon(String text, String concerning, String student, String reference) {
        assertThat(text).contains("✂", "Refus d’accès aux téléservices",
                "Je renonce à l’accès aux téléservices concernant " + concerning
                        + " (cocher la ou les options souhaitées) :",
                "☐ pour moi-même", "☐ pour l’élève " + student, "Nom et prénom du responsable :",
                "Date et signature :", "Référence : " + reference);
    }

    private static void assertNoCoupon(String text) {
        assertThat(text).doesNotContain("✂", "Refus d’accès", "☐", "Je renonce", "Référence", "Veuillez agréer");
    }

    private static Letter guardian(Variant variant, String division, String studentName, String reference) {
        return new Letter(Holder.GUARDIAN, variant, LocalDate.of(2026, 11, 29), SENDER,
                new Addressee("Madame, Monsieur", List.of("Madame Nadia Amrani", "12 allée des Tilleuls", "80090 Amiens")),
                studentName, division, variant == Variant.NORMAL ? CODE : null, LocalDate.of(2026, 10, 8), URL, SERVICES,
                reference);
    }

    private static Letter student(Variant variant, String code) {
        return new Letter(Holder.STUDENT, variant, LocalDate.of(2026, 11, 29), SENDER,
                new Addressee("Mademoiselle", List.of("Léa Durand", "2NDE1")), "Léa Durand", "2NDE1", code,
                LocalDate.of(2026, 10, 8), URL, SERVICES, null);
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return text(document);
        }
    }

    private static String text(PDDocument pdf) throws IOException {
        return normalise(new PDFTextStripper().getText(pdf));
    }

    private static String pageText(PDDocument pdf, int page) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return normalise(stripper.getText(pdf));
    }

    /** Line breaks, no-break spaces and runs of spaces become one space. */
    private static String normalise(String text) {
        return text.replace('\u00A0', ' ').replace('\u202F', ' ').replaceAll("\\s+", " ");
    }

    private static final class CountingOutputStream extends java.io.OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        volatile long count;

        @Override
        public void write(int b) {
            bytes.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            count += len;
        }
    }
}
