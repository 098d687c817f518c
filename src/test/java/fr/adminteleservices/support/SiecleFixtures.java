package fr.adminteleservices.support;

import fr.adminteleservices.establishment.Establishment;
import fr.adminteleservices.establishment.EstablishmentKind;
import fr.adminteleservices.establishment.EstablishmentService;
import fr.adminteleservices.establishment.SiecleModule;
import fr.adminteleservices.establishment.Uai;
import fr.adminteleservices.siecle.SiecleImportService.Upload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** Small SIECLE exports written in tests, as SIECLE writes them (ISO-8859-15 unless told). */
public final class SiecleFixtures {

    public static final Charset LATIN9 = Charset.forName("ISO-8859-15");
    private static final Pattern STAND_IN_INE = Pattern.compile("<ID_NATIONAL>(\\d{9})AB</ID_NATIONAL>");
    private static final AtomicInteger NEXT_UAI = new AtomicInteger(990100 + (int) (System.nanoTime() % 1000));

    private SiecleFixtures() {
    }

    /** A fresh establishment of the demo académie, so each test starts empty. */
    public static String newEstablishment(EstablishmentService establishments) {
        int number = NEXT_UAI.incrementAndGet();
        String uai = String.format("%07d", number) + Uai.checkLetter(number);
        // the in-memory database outlives a test class: skip what an earlier one registered
        while (establishments.find(uai).isPresent()) {
            number = NEXT_UAI.incrementAndGet();
            uai = String.format("%07d", number) + Uai.checkLetter(number);
        }
        establishments.register(new Establishment(uai, "demo", "Collège d'essai " + uai, EstablishmentKind.COLLEGE,
                "1 rue de l'Essai", null, "99000", "Essai", "Mme Test", List.of("ce." + uai + "@example.com"),
                EnumSet.allOf(SiecleModule.class)));
        return uai;
    }

    public static String parametres(String uaj) {
        return "<PARAMETRES><UAJ>" + uaj + "</UAJ><ANNEE_SCOLAIRE>2026</ANNEE_SCOLAIRE>"
                + "<DATE_EXPORT>15/11/2026</DATE_EXPORT><HORODATAGE>15/11/2026 10:00:00</HORODATAGE></PARAMETRES>";
    }

    /** The students' stand-in INEs ({@link #ine(String)}) become this establishment's ({@link #ine(String, String)}). */
    public static String eleves(String uaj, String eleves, String structures) {
        String ines = STAND_IN_INE.matcher(eleves).replaceAll(m -> "<ID_NATIONAL>" + ine(uaj, m.group(1)) + "</ID_NATIONAL>");
        return "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\n<BEE_ELEVES VERSION=\"2.1\">" + parametres(uaj)
                + "<DONNEES><ELEVES>" + ines + "</ELEVES><STRUCTURES>" + structures + "</STRUCTURES></DONNEES></BEE_ELEVES>";
    }

    public static String eleve(String id, String nom, String prenom, String naissance, String extra) {
        return "<ELEVE ELEVE_ID=\"" + id + "\" ELENOET=\"" + id + "\"><ID_NATIONAL>" + ine(id) + "</ID_NATIONAL>"
                + "<NOM_DE_FAMILLE>" + nom + "</NOM_DE_FAMILLE><PRENOM>" + prenom + "</PRENOM><DATE_NAISS>" + naissance
                + "</DATE_NAISS><CODE_SEXE>1</CODE_SEXE><CODE_MEF>10310019110</CODE_MEF><DATE_ENTREE>01/09/2026</DATE_ENTREE>"
                + extra + "</ELEVE>";
    }

    /**
     * A stand-in INE for student {@code id}, which {@link #eleves} turns into the establishment's own: the test
     * database is shared, and one INE on students of several establishments is a duplicate the import reports.
     */
    public static String ine(String id) {
        return String.format("%09dAB", Long.parseLong(id) % 1_000_000_000L);
    }

    /**
     * The INE {@link #eleves} gives student {@code id} in establishment {@code uai}: ten digits (the UAI's last six,
     * the id's last four) and the UAI's letter, so that two establishments never share one.
     */
    public static String ine(String uai, String id) {
        return uai.substring(1, 7) + String.format("%04d", Long.parseLong(id) % 10_000L) + uai.substring(7).toUpperCase();
    }

    /** A student element with an explicit INE, kept as it is by {@link #eleves}: the same student in two establishments (G7). */
    public static String withIne(String eleve, String ine) {
        return eleve.replaceFirst("<ID_NATIONAL>[^<]*</ID_NATIONAL>", "<ID_NATIONAL>" + ine + "</ID_NATIONAL>");
    }

    public static String division(String eleveId, String division) {
        return "<STRUCTURES_ELEVE ELEVE_ID=\"" + eleveId + "\"><STRUCTURE><CODE_STRUCTURE>" + division
                + "</CODE_STRUCTURE><TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE></STRUCTURES_ELEVE>";
    }

    public static String responsables(String uaj, String personnes, String liens, String adresses) {
        return "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\n<BEE_RESPONSABLES VERSION=\"2.1\">" + parametres(uaj)
                + "<DONNEES><PERSONNES>" + personnes + "</PERSONNES><RESPONSABLES>" + liens + "</RESPONSABLES><ADRESSES>"
                + adresses + "</ADRESSES></DONNEES></BEE_RESPONSABLES>";
    }

    public static String personne(String id, String civilite, String nom, String prenom, String mel, String adresseId) {
        return "<PERSONNE PERSONNE_ID=\"" + id + "\"><LC_CIVILITE>" + civilite + "</LC_CIVILITE><NOM_DE_FAMILLE>" + nom
                + "</NOM_DE_FAMILLE><PRENOM>" + prenom + "</PRENOM>" + (mel == null ? "" : "<MEL>" + mel + "</MEL>")
                + "<ADRESSE_ID>" + adresseId + "</ADRESSE_ID></PERSONNE>";
    }

    public static String respLegal(String eleveId, String personneId, String rank) {
        return "<RESPONSABLE_ELEVE><ELEVE_ID>" + eleveId + "</ELEVE_ID><PERSONNE_ID>" + personneId + "</PERSONNE_ID>"
                + "<RESP_LEGAL>" + rank + "</RESP_LEGAL><CODE_PARENTE>10</CODE_PARENTE><RESP_FINANCIER>1</RESP_FINANCIER>"
                + "<PERS_CONTACT>1</PERS_CONTACT></RESPONSABLE_ELEVE>";
    }

    public static String niveau(String eleveId, String personneId, String niveau) {
        return "<RESPONSABLE_ELEVE><ELEVE_ID>" + eleveId + "</ELEVE_ID><PERSONNE_ID>" + personneId + "</PERSONNE_ID>"
                + "<NIVEAU_RESPONSABILITE>" + niveau + "</NIVEAU_RESPONSABILITE><CODE_PARENTE>20</CODE_PARENTE>"
                + "<PAIE_FRAIS_SCOLAIRES>1</PAIE_FRAIS_SCOLAIRES></RESPONSABLE_ELEVE>";
    }

    public static String adresse(String id, String ligne1, String cp, String commune) {
        return "<ADRESSE ADRESSE_ID=\"" + id + "\"><LIGNE1_ADRESSE>" + ligne1 + "</LIGNE1_ADRESSE><LIGNE2_ADRESSE/>"
                + "<CODE_POSTAL>" + cp + "</CODE_POSTAL><LIBELLE_POSTAL>" + commune + "</LIBELLE_POSTAL><LL_PAYS>FRANCE</LL_PAYS></ADRESSE>";
    }

    public static Upload upload(String name, String xml) {
        return upload(name, xml, LATIN9);
    }

    public static Upload upload(String name, String xml, Charset charset) {
        byte[] bytes = (charset.equals(StandardCharsets.UTF_8) ? xml.replace("ISO-8859-15", "UTF-8") : xml).getBytes(charset);
        return new Upload(name, () -> new ByteArrayInputStream(bytes));
    }

    public static Upload raw(String name, byte[] bytes) {
        return new Upload(name, () -> new ByteArrayInputStream(bytes));
    }

    /** Writes uploads into a directory, as the import service stages them for the process. */
    public static Path stage(Upload... uploads) {
        try {
            Path dir = Files.createTempDirectory("siecle-test-");
            for (Upload u : uploads) {
                try (var in = u.content().open()) {
                    Files.copy(in, dir.resolve(u.fileName()));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
