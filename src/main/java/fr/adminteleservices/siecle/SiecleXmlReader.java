package fr.adminteleservices.siecle;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams a SIECLE export: reads the root name and PARAMETRES, then hands every record element
 * (ELEVE, PERSONNE, …) to a consumer one at a time, so memory does not grow with the file.
 * External entities and DTDs are never resolved (XXE), whatever the StAX implementation. Nesting depth
 * and text length are bounded (a real export nests 7 deep and its longest value is an address line), so
 * a hostile file is refused as soon as it crosses them, with flat memory.
 */
final class SiecleXmlReader {

    private static final XMLInputFactory FACTORY = createFactory();
    /** SIECLE nests about 7 deep (BEE_ELEVES/DONNEES/STRUCTURES/STRUCTURES_ELEVE/STRUCTURE/…). */
    static final int MAX_DEPTH = 32;
    /** The longest SIECLE value is a few hundred characters; one text node may not exceed this. */
    static final int MAX_TEXT = 64 * 1024;
    private static final Pattern DECLARED_ENCODING = Pattern.compile("encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
    private static final Pattern SINGLE_BYTE = Pattern.compile("(?i)(iso-?8859-?\\d+|latin-?\\d|windows-125\\d|cp125\\d)");

    private SiecleXmlReader() {
    }

    private static XMLInputFactory createFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        // not coalescing: a huge text node comes in pieces, so its length is checked before it is all in memory
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    /** The root element's name, or null if the file is not XML at all. */
    static String rootName(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            XMLStreamReader r = FACTORY.createXMLStreamReader(in);
            try {
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT) {
                        return r.getLocalName();
                    }
                }
                return null;
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            return null;
        } catch (IOException e) {
            throw new SiecleFormatException("Lecture impossible du fichier " + file.getFileName() + ".", e);
        }
    }

    /** The PARAMETRES block only (the reader stops there), or null when the file has none before its data. */
    static SiecleRecord parameters(Path file, String displayName) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            XMLStreamReader r = FACTORY.createXMLStreamReader(in);
            try {
                int depth = 0;
                while (r.hasNext()) {
                    int event = r.next();
                    if (event == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    } else if (event == XMLStreamConstants.START_ELEMENT) {
                        checkDepth(r, displayName, ++depth);
                        if ("PARAMETRES".equals(r.getLocalName())) {
                            return readRecord(r, displayName, depth);
                        }
                        if ("DONNEES".equals(r.getLocalName())) {
                            return null;
                        }
                    }
                }
                return null;
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            return null; // the full read reports where the file is broken
        } catch (IOException e) {
            throw new SiecleFormatException("Lecture impossible du fichier " + displayName + ".", e);
        }
    }

    /**
     * Reads the file; {@code parameters} receives the PARAMETRES block (before any record), then
     * {@code records} receives each element whose name is in {@code recordNames}. {@code charset}, when not
     * null, overrides the file's declaration (see {@link #misdeclaredUtf8}).
     */
    static void read(Path file, String displayName, Charset charset, Set<String> recordNames,
                     Consumer<SiecleRecord> parameters, Consumer<SiecleRecord> records) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            XMLStreamReader r = charset == null ? FACTORY.createXMLStreamReader(in)
                    : FACTORY.createXMLStreamReader(new InputStreamReader(in, charset));
            try {
                int depth = 0;
                long text = 0;
                while (r.hasNext()) {
                    int event = r.next();
                    if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                        throw new SiecleFormatException("Fichier " + displayName + " refusé (ligne "
                                + r.getLocation().getLineNumber() + ") : les entités XML ne sont pas acceptées.");
                    }
                    if (event == XMLStreamConstants.DTD) {
                        throw new SiecleFormatException("Fichier " + displayName
                                + " refusé : une déclaration DOCTYPE n'est pas acceptée dans un export SIECLE.");
                    }
                    if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                            || event == XMLStreamConstants.SPACE) {
                        text = checkText(r, displayName, text + r.getTextLength());
                        continue;
                    }
                    text = 0;
                    if (event == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    }
                    if (event != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    checkDepth(r, displayName, ++depth);
                    String name = r.getLocalName();
                    if ("PARAMETRES".equals(name)) {
                        parameters.accept(readRecord(r, displayName, depth));
                        depth--;
                    } else if (recordNames.contains(name)) {
                        records.accept(readRecord(r, displayName, depth));
                        depth--;
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            throw new SiecleFormatException("Fichier " + displayName + " illisible"
                    + (line > 0 ? " (ligne " + line + ")" : "")
                    + " : le XML est mal formé ou tronqué. Aucune donnée n'a été importée.", e);
        } catch (IOException e) {
            throw new SiecleFormatException("Lecture impossible du fichier " + displayName + ".", e);
        }
    }

    private static void checkDepth(XMLStreamReader r, String displayName, int depth) {
        if (depth > MAX_DEPTH) {
            throw new SiecleFormatException("Fichier " + displayName + " refusé (ligne " + r.getLocation().getLineNumber()
                    + ") : éléments imbriqués sur plus de " + MAX_DEPTH + " niveaux, ce n'est pas un export SIECLE. "
                    + "Aucune donnée n'a été importée.");
        }
    }

    private static long checkText(XMLStreamReader r, String displayName, long length) {
        if (length > MAX_TEXT) {
            throw new SiecleFileTooLargeException("Fichier " + displayName + " refusé (ligne "
                    + r.getLocation().getLineNumber() + ") : un texte de plus de " + (MAX_TEXT / 1024)
                    + " Ko d'un seul tenant, ce n'est pas un export SIECLE. Aucune donnée n'a été importée.");
        }
        return length;
    }

    /** Reads the current element and its subtree; the reader ends on the element's END_ELEMENT. */
    private static SiecleRecord readRecord(XMLStreamReader r, String displayName, int depth) throws XMLStreamException {
        SiecleRecord node = new SiecleRecord(r.getLocalName(), r.getLocation().getLineNumber());
        for (int i = 0; i < r.getAttributeCount(); i++) {
            node.attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
        }
        StringBuilder text = new StringBuilder();
        while (r.hasNext()) {
            switch (r.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    checkDepth(r, displayName, depth + 1);
                    SiecleRecord child = readRecord(r, displayName, depth + 1);
                    if (child.children.isEmpty() && child.attributes.isEmpty() && child.fields.isEmpty()) {
                        node.fields.putIfAbsent(child.name, child.text);
                    } else {
                        node.children.add(child);
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    checkText(r, displayName, (long) text.length() + r.getTextLength());
                    text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                }
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new SiecleFormatException("Fichier " + displayName
                        + " refusé (ligne " + r.getLocation().getLineNumber() + ") : les entités XML ne sont pas acceptées.");
                case XMLStreamConstants.END_ELEMENT -> {
                    node.text = text.toString();
                    return node;
                }
                default -> {
                }
            }
        }
        throw new XMLStreamException("Fin de fichier inattendue", r.getLocation());
    }

    /**
     * A file declared ISO-8859-x (or windows-125x) whose bytes are UTF-8 — a file re-saved by a text editor —
     * would be stored as « GrÃ©gory ». Returns UTF-8 when every non-ASCII byte belongs to a valid UTF-8
     * sequence (the file is read as UTF-8), null when the declaration holds; refuses a file that mixes both.
     */
    static Charset misdeclaredUtf8(Path file, String displayName) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            byte[] head = in.readNBytes(200);
            Matcher m = DECLARED_ENCODING.matcher(new String(head, StandardCharsets.ISO_8859_1));
            if (!m.find() || !SINGLE_BYTE.matcher(m.group(1)).matches()) {
                return null;
            }
            long[] counts = new long[2]; // UTF-8 sequences, stray high bytes
            int pending = 0;
            byte[] carry = new byte[0];
            byte[] buffer = new byte[64 * 1024];
            byte[] chunk = head;
            while (true) {
                byte[] data = new byte[carry.length + chunk.length];
                System.arraycopy(carry, 0, data, 0, carry.length);
                System.arraycopy(chunk, 0, data, carry.length, chunk.length);
                int end = scanUtf8(data, counts, chunk.length == 0);
                carry = java.util.Arrays.copyOfRange(data, end, data.length);
                int n = in.read(buffer);
                if (n < 0) {
                    if (carry.length > 0) {
                        scanUtf8(carry, counts, true);
                    }
                    break;
                }
                chunk = java.util.Arrays.copyOf(buffer, n);
            }
            if (counts[0] == 0) {
                return null;
            }
            if (counts[1] > 0) {
                throw new SiecleFormatException("Le fichier « " + displayName + " » déclare l'encodage " + m.group(1)
                        + " mais contient " + counts[0] + " caractère(s) écrit(s) en UTF-8 mêlé(s) à " + counts[1]
                        + " caractère(s) " + m.group(1) + " : il a sans doute été modifié avec un éditeur de texte. "
                        + "Importez l'export tel que SIECLE l'a produit. Aucune donnée n'a été importée.");
            }
            return StandardCharsets.UTF_8;
        } catch (IOException e) {
            throw new SiecleFormatException("Lecture impossible du fichier " + displayName + ".", e);
        }
    }

    /** Counts valid UTF-8 multi-byte sequences and stray high bytes; returns where an incomplete tail starts. */
    private static int scanUtf8(byte[] data, long[] counts, boolean last) {
        int i = 0;
        while (i < data.length) {
            int b = data[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int length = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
            if (length == 0) {
                counts[1]++;
                i++;
                continue;
            }
            if (i + length > data.length && !last) {
                return i; // the sequence goes on in the next chunk
            }
            boolean valid = i + length <= data.length;
            for (int k = 1; valid && k < length; k++) {
                valid = (data[i + k] & 0xC0) == 0x80;
            }
            if (valid) {
                counts[0]++;
                i += length;
            } else {
                counts[1]++;
                i++;
            }
        }
        return data.length;
    }
}
