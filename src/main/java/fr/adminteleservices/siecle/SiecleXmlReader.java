package fr.adminteleservices.siecle;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams a SIECLE export: reads the root name and PARAMETRES, then hands every record element
 * (ELEVE, PERSONNE, …) to a consumer one at a time, so memory does not grow with the file.
 * External entities and DTDs are never resolved (XXE), whatever the StAX implementation.
 */
final class SiecleXmlReader {

    private static final XMLInputFactory FACTORY = createFactory();

    private SiecleXmlReader() {
    }

    private static XMLInputFactory createFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
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
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT) {
                        if ("PARAMETRES".equals(r.getLocalName())) {
                            return readRecord(r, displayName);
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
     * {@code records} receives each element whose name is in {@code recordNames}.
     */
    static void read(Path file, String displayName, Set<String> recordNames,
                     Consumer<SiecleRecord> parameters, Consumer<SiecleRecord> records) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            XMLStreamReader r = FACTORY.createXMLStreamReader(in);
            try {
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
                    if (event != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    String name = r.getLocalName();
                    if ("PARAMETRES".equals(name)) {
                        parameters.accept(readRecord(r, displayName));
                    } else if (recordNames.contains(name)) {
                        records.accept(readRecord(r, displayName));
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

    /** Reads the current element and its subtree; the reader ends on the element's END_ELEMENT. */
    private static SiecleRecord readRecord(XMLStreamReader r, String displayName) throws XMLStreamException {
        SiecleRecord node = new SiecleRecord(r.getLocalName(), r.getLocation().getLineNumber());
        for (int i = 0; i < r.getAttributeCount(); i++) {
            node.attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
        }
        StringBuilder text = new StringBuilder();
        while (r.hasNext()) {
            switch (r.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    SiecleRecord child = readRecord(r, displayName);
                    if (child.children.isEmpty() && child.attributes.isEmpty() && child.fields.isEmpty()) {
                        node.fields.putIfAbsent(child.name, child.text);
                    } else {
                        node.children.add(child);
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(r.getText());
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
}
