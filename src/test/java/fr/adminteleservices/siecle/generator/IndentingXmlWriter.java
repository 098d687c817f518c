package fr.adminteleservices.siecle.generator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A thin streaming writer over {@link XMLStreamWriter}: ISO-8859-15 output, two-space indentation,
 * nothing kept in memory but the current depth. Characters outside ISO-8859-15 would be written as
 * character references by the JDK writer; the generator never produces any.
 */
final class IndentingXmlWriter implements AutoCloseable {

    static final String ENCODING = "ISO-8859-15";

    private final OutputStream out;
    private final XMLStreamWriter xml;
    private int depth;

    IndentingXmlWriter(Path file) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        try {
            this.xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, ENCODING);
            xml.writeStartDocument(ENCODING, "1.0");
        } catch (XMLStreamException e) {
            out.close();
            throw new IOException("Cannot write " + file, e);
        }
    }

    /** Opens an element; attributes are given as name, value, name, value… */
    IndentingXmlWriter open(String name, String... attributes) {
        try {
            newLine();
            xml.writeStartElement(name);
            for (int i = 0; i + 1 < attributes.length; i += 2) {
                xml.writeAttribute(attributes[i], attributes[i + 1]);
            }
            depth++;
            return this;
        } catch (XMLStreamException e) {
            throw wrap(e);
        }
    }

    IndentingXmlWriter end() {
        try {
            depth--;
            newLine();
            xml.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw wrap(e);
        }
    }

    /** {@code <name>text</name>}, or {@code <name/>} when text is null or empty. */
    IndentingXmlWriter leaf(String name, String text) {
        try {
            newLine();
            if (text == null || text.isEmpty()) {
                xml.writeEmptyElement(name);
            } else {
                xml.writeStartElement(name);
                xml.writeCharacters(text);
                xml.writeEndElement();
            }
            return this;
        } catch (XMLStreamException e) {
            throw wrap(e);
        }
    }

    IndentingXmlWriter leaf(String name, long value) {
        return leaf(name, Long.toString(value));
    }

    /** Writes the element only when text is not null (an empty string gives an empty element). */
    IndentingXmlWriter optional(String name, String text) {
        return text == null ? this : leaf(name, text);
    }

    /** An empty element with attributes: {@code <name a="v"/>}. */
    IndentingXmlWriter empty(String name, String... attributes) {
        try {
            newLine();
            xml.writeEmptyElement(name);
            for (int i = 0; i + 1 < attributes.length; i += 2) {
                xml.writeAttribute(attributes[i], attributes[i + 1]);
            }
            return this;
        } catch (XMLStreamException e) {
            throw wrap(e);
        }
    }

    private void newLine() throws XMLStreamException {
        xml.writeCharacters("\n");
        for (int i = 0; i < depth; i++) {
            xml.writeCharacters("  ");
        }
    }

    /** Ends the document (closing any open element), writes a final newline and closes the file. */
    @Override
    public void close() throws IOException {
        try {
            while (depth > 0) {
                end();
            }
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            out.close();
        }
    }

    private static UncheckedIOException wrap(XMLStreamException e) {
        return new UncheckedIOException(new IOException(e.getMessage(), e));
    }
}
