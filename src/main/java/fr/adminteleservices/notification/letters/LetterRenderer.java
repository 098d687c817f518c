package fr.adminteleservices.notification.letters;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.Source;
import javax.xml.transform.Templates;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.sax.SAXResult;
import javax.xml.transform.stream.StreamSource;
import org.apache.fop.apps.FOUserAgent;
import org.apache.fop.apps.Fop;
import org.apache.fop.apps.FopConfParser;
import org.apache.fop.apps.FopFactory;
import org.apache.fop.apps.FormattingResults;
import org.apache.fop.apps.MimeConstants;
import org.apache.fop.events.Event;
import org.apache.fop.events.EventFormatter;
import org.apache.fop.events.EventListener;
import org.apache.fop.events.model.EventSeverity;
import org.apache.xmlgraphics.io.Resource;
import org.apache.xmlgraphics.io.ResourceResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;

/**
 * Renders the activation-code notification letters (guide §4.4 guardian, §5.3 student) to PDF with Apache FOP,
 * from the XSL-FO templates of {@code src/main/resources/templates/notification/letters/} ({@code letter.xsl} and the files it includes).
 *
 * <p>Streaming: {@link #render(Iterable, OutputStream)} takes the letters one at a time from the iterator (a
 * database cursor is fine) and never holds more than one. The document start ({@code fo:root} and the page
 * masters) is produced once by the stylesheet from {@code <document/>}, its end is held back; then each letter
 * becomes a small XML document transformed into one {@code fo:page-sequence}, fed straight into FOP's SAX
 * handler. FOP lays out and writes each page-sequence as soon as it ends, so memory stays flat whatever the
 * number of letters (as long as nothing refers forward: no "page x of y" across the document).
 *
 * <p>Fonts: only DejaVu Sans (regular, bold, oblique), embedded, read from the classpath through a resolver
 * that knows nothing but the {@code classpath:} scheme ({@code fop.xconf} beside them); no system font is looked for.
 *
 * <p>Thread-safe: the compiled stylesheet and the FOP factory are shared (both thread-safe, built on first use so
 * that the application starts without paying for them); each call has its own transformer and FOP run.
 */
@Component
public class LetterRenderer {

    /** PDF metadata. */
    public static final String TITLE = "Notification des codes d’activation";
    public static final String CREATOR = "Admin Téléservices";

    /** The notification feature's letters, beside its screens and e-mails ({@code templates/notification/}). */
    static final String FOLDER = "templates/notification/letters/";
    static final String STYLESHEET = FOLDER + "letter.xsl";
    static final String FOP_CONFIGURATION = FOLDER + "fop.xconf";
    /** Relative URIs of the FOP configuration (the fonts) resolve against this. */
    static final URI BASE = URI.create("classpath:/" + FOLDER);
    private static final String[] FONTS = {
        FOLDER + "fonts/DejaVuSans.ttf", FOLDER + "fonts/DejaVuSans-Bold.ttf", FOLDER + "fonts/DejaVuSans-Oblique.ttf"};

    private static final Logger log = LoggerFactory.getLogger(LetterRenderer.class);
    private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRENCH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRENCH);

    private final ClassLoader classLoader;
    private volatile Engine engine;

    public LetterRenderer() {
        this(LetterRenderer.class.getClassLoader());
    }

    LetterRenderer(ClassLoader classLoader) {
        this.classLoader = Objects.requireNonNull(classLoader);
    }

    /** What one rendering produced. */
    public record Rendered(int letters, int pages) {}

    /** A letter could not be rendered (template, font or output error): the PDF written so far is unusable. */
    public static class RenderingException extends RuntimeException {
        public RenderingException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Renders the letters into one PDF, one page-sequence per letter, in the order of the iterable, taking them
     * lazily one by one. {@code out} is flushed, not closed.
     *
     * @return the number of letters and of pages written
     * @throws IllegalArgumentException when there is no letter (a PDF needs at least one page)
     * @throws NullPointerException     when a letter has no holder, variant or date
     * @throws RenderingException       when a letter cannot be rendered or the output fails; what the iterator
     *                                  itself throws (a database error) passes through unchanged
     */
    public Rendered render(Iterable<Letter> letters, OutputStream out) {
        Iterator<Letter> iterator = letters.iterator();
        if (!iterator.hasNext()) {
            throw new IllegalArgumentException("No letter to render");
        }
        Engine engine = engine();
        int count = 0;
        Letter current = null;
        try {
            BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
            FOUserAgent agent = engine.fopFactory.newFOUserAgent();
            agent.setTitle(TITLE);
            agent.setCreator(CREATOR);
            agent.setAccessibility(false);
            agent.getEventBroadcaster().addEventListener(new LoggingEventListener());
            Fop fop;
            // a new Fop reads the renderer's configuration (our fonts) from the shared factory's DOM, which is not safe
            // to read from two threads at once: two letters jobs starting together got NullPointerExceptions or every
            // letter in Times without « ☐ » and « ✂ ». Only this setup is serialised, not the rendering.
            synchronized (engine.fopFactory) {
                fop = engine.fopFactory.newFop(MimeConstants.MIME_PDF, agent, buffered);
            }
            ContentHandler fo = fop.getDefaultHandler();
            Transformer transformer = engine.templates.newTransformer();
            DocumentBuilder builder = engine.documentBuilders.newDocumentBuilder();

            fo.startDocument();
            Forwarder forwarder = new Forwarder(fo);
            forwarder.holdRootEnd = true;
            Document start = builder.newDocument();
            start.appendChild(start.createElementNS(null, "document"));
            transformer.transform(new DOMSource(start), new SAXResult(forwarder));
            forwarder.holdRootEnd = false;
            while (iterator.hasNext()) {
                current = iterator.next();
                Document letter = toXml(current, builder);
                transformer.transform(new DOMSource(letter), new SAXResult(forwarder));
                count++;
                current = null;
            }
            forwarder.releaseRootEnd();
            fo.endDocument();
            buffered.flush();
            FormattingResults results = fop.getResults();
            return new Rendered(count, results == null ? 0 : results.getPageCount());
        } catch (TransformerException | SAXException | IOException | ParserConfigurationException e) {
            throw new RenderingException("Letter " + (count + 1) + describe(current) + " could not be rendered: "
                    + e.getMessage(), e);
        }
    }

    /** One letter alone, as a PDF (an individual notification). */
    public byte[] renderOne(Letter letter) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(48 * 1024);
        render(List.of(letter), out);
        return out.toByteArray();
    }

    private static String describe(Letter letter) {
        if (letter == null) {
            return "";
        }
        return " (" + letter.holder() + " " + letter.variant()
                + (letter.couponReference() == null ? "" : ", reference " + letter.couponReference()) + ")";
    }

    // ------------------------------------------------------------------------------------------ letter -> XML

    /**
     * The XML of one letter, as documented in {@code letter.xsl}. Built as a DOM: the values are text nodes,
     * never parsed, so {@code & < > "} need no escaping and print as they are.
     */
    static Document toXml(Letter letter, DocumentBuilder builder) {
        Objects.requireNonNull(letter.holder(), "holder");
        Objects.requireNonNull(letter.variant(), "variant");
        Objects.requireNonNull(letter.writtenOn(), "writtenOn");
        Document doc = builder.newDocument();
        Element root = doc.createElementNS(null, "letter");
        doc.appendChild(root);
        root.setAttribute("holder", letter.holder() == Letter.Holder.GUARDIAN ? "guardian" : "student");
        boolean continuity = letter.variant() == Letter.Variant.CONTINUITY;
        root.setAttribute("variant", continuity ? "continuity" : "normal");

        text(root, "written-on", frenchLongDate(letter.writtenOn())).setAttribute("date", letter.writtenOn().toString());
        Element sender = child(root, "sender");
        if (letter.sender() != null) {
            text(sender, "name", letter.sender().name());
            lines(child(sender, "address"), letter.sender().addressLines());
            text(sender, "head-name", letter.sender().headName());
        }
        Element addressee = child(root, "addressee");
        if (letter.addressee() != null) {
            text(addressee, "salutation", letter.addressee().salutation());
            lines(child(addressee, "lines"), letter.addressee().lines());
        }
        text(root, "student-name", letter.studentName());
        // « de la date de naissance d’Axelle MARTIN »: the elision is decided here, XSLT 1.0 has no case folding of accents
        text(root, "of-student", Elision.de(letter.studentName()));
        if (letter.division() != null && !letter.division().isBlank()) {
            text(root, "division", letter.division());
        }
        // rule D3: a continuity letter never carries the code, whatever the caller put in it
        if (!continuity && letter.code() != null) {
            text(root, "code", letter.code());
        }
        if (letter.usableFrom() != null) {
            text(root, "usable-from", letter.usableFrom().format(DAY)).setAttribute("date", letter.usableFrom().toString());
        }
        text(root, "url", letter.url());
        Element services = child(root, "services");
        for (String service : letter.services()) {
            text(services, "service", service);
        }
        if (letter.couponReference() != null) {
            text(root, "coupon-reference", letter.couponReference());
        }
        return doc;
    }

    /** "29 novembre 2026", "1er décembre 2026". */
    static String frenchLongDate(LocalDate date) {
        int day = date.getDayOfMonth();
        return (day == 1 ? "1er" : Integer.toString(day)) + " " + date.format(MONTH_YEAR);
    }

    private static Element child(Element parent, String name) {
        Element e = parent.getOwnerDocument().createElementNS(null, name);
        parent.appendChild(e);
        return e;
    }

    private static Element text(Element parent, String name, String value) {
        Element e = child(parent, name);
        if (value != null) {
            e.appendChild(parent.getOwnerDocument().createTextNode(xmlSafe(value)));
        }
        return e;
    }

    private static void lines(Element parent, List<String> lines) {
        for (String line : lines) {
            if (line != null && !line.isBlank()) {
                text(parent, "line", line);
            }
        }
    }

    /** Drops the characters XML cannot carry (control characters other than tab and line breaks). */
    static String xmlSafe(String value) {
        StringBuilder s = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean bad = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF;
            if (bad && s == null) {
                s = new StringBuilder(value.length()).append(value, 0, i);
            } else if (!bad && s != null) {
                s.append(c);
            }
        }
        return s == null ? value : s.toString();
    }

    // --------------------------------------------------------------------------------------- engine (shared)

    private Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (this) {
                e = engine;
                if (e == null) {
                    e = new Engine(classLoader);
                    engine = e;
                }
            }
        }
        return e;
    }

    /** The compiled stylesheet and the FOP factory: built once, shared by all renderings. */
    private static final class Engine {
        final Templates templates;
        final FopFactory fopFactory;
        final DocumentBuilderFactory documentBuilders;

        Engine(ClassLoader classLoader) {
            for (String font : FONTS) {
                if (classLoader.getResource(font) == null) {
                    throw new IllegalStateException("Font " + font + " is not on the classpath: the Maven build copies it"
                            + " from frontend/node_modules/dejavu-fonts-ttf (execution copy-letter-fonts, skipped with"
                            + " -DskipFrontend=true on a clean build)");
                }
            }
            ResourceResolver resolver = new ClasspathResourceResolver(classLoader);
            try {
                TransformerFactory factory = TransformerFactory.newDefaultInstance();
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                // the stylesheet and the files it includes come from the classpath, nothing else is reachable
                factory.setURIResolver((href, base) -> {
                    String path = FOLDER + href;
                    if (href.contains("..") || href.contains(":") || href.startsWith("/")) {
                        throw new TransformerException("Stylesheet outside " + FOLDER + ": " + href);
                    }
                    return classpathSource(classLoader, path);
                });
                templates = factory.newTemplates(classpathSource(classLoader, STYLESHEET));
            } catch (TransformerConfigurationException e) {
                throw new IllegalStateException("Cannot compile " + STYLESHEET + ": " + e.getMessageAndLocation(), e);
            } catch (TransformerException e) {
                throw new IllegalStateException("Cannot read " + STYLESHEET + ": " + e.getMessage(), e);
            }
            try (InputStream conf = classLoader.getResourceAsStream(FOP_CONFIGURATION)) {
                if (conf == null) {
                    throw new IllegalStateException(FOP_CONFIGURATION + " is not on the classpath");
                }
                fopFactory = new FopConfParser(conf, BASE, resolver).getFopFactoryBuilder().build();
            } catch (SAXException | IOException e) {
                throw new IllegalStateException("Cannot read " + FOP_CONFIGURATION + ": " + e.getMessage(), e);
            }
            documentBuilders = DocumentBuilderFactory.newDefaultInstance();
            documentBuilders.setNamespaceAware(true);
        }
    }

    private static Source classpathSource(ClassLoader classLoader, String path) throws TransformerException {
        URL url = classLoader.getResource(path);
        if (url == null) {
            throw new TransformerException("Not on the classpath: " + path);
        }
        try {
            StreamSource source = new StreamSource(url.openStream());
            source.setSystemId(url.toExternalForm());
            return source;
        } catch (IOException e) {
            throw new TransformerException("Cannot read " + path, e);
        }
    }

    /** FOP's resources (the fonts) from the classpath only: {@code classpath:/templates/notification/letters/fonts/…}. */
    static final class ClasspathResourceResolver implements ResourceResolver {
        private final ClassLoader classLoader;

        ClasspathResourceResolver(ClassLoader classLoader) {
            this.classLoader = classLoader;
        }

        @Override
        public Resource getResource(URI uri) throws IOException {
            if (!"classpath".equals(uri.getScheme()) || uri.getPath() == null) {
                throw new FileNotFoundException("Only classpath resources are available to the letters: " + uri);
            }
            String path = uri.normalize().getPath();
            path = path.startsWith("/") ? path.substring(1) : path;
            if (!path.startsWith(FOLDER)) {
                throw new FileNotFoundException("Outside " + FOLDER + ": " + uri);
            }
            InputStream in = classLoader.getResourceAsStream(path);
            if (in == null) {
                throw new FileNotFoundException("Not on the classpath: " + path);
            }
            return new Resource(in);
        }

        @Override
        public OutputStream getOutputStream(URI uri) throws IOException {
            throw new IOException("The letters write nothing but the PDF: " + uri);
        }
    }

    /** FOP's warnings (a glyph missing from the font, content overflowing the page…) go to the log. */
    private static final class LoggingEventListener implements EventListener {
        @Override
        public void processEvent(Event event) {
            EventSeverity severity = event.getSeverity();
            if (severity == EventSeverity.INFO) {
                log.debug("FOP: {}", EventFormatter.format(event));
            } else if (severity == EventSeverity.WARN) {
                log.warn("FOP: {}", EventFormatter.format(event));
            } else {
                log.error("FOP: {}", EventFormatter.format(event));
            }
        }
    }

    // ------------------------------------------------------------------------------------ SAX into FOP

    /**
     * Forwards one transformation's SAX events into FOP's handler, without its start/end of document (FOP gets
     * exactly one of each, from {@link #render}). While {@code holdRootEnd}, the end of the outer element
     * ({@code fo:root}) and the prefix mappings that close after it are kept, to be released after the last letter.
     */
    private static final class Forwarder implements ContentHandler {
        private final ContentHandler target;
        boolean holdRootEnd;
        private int depth;
        private String[] rootEnd;
        private final List<String> heldPrefixes = new ArrayList<>();

        Forwarder(ContentHandler target) {
            this.target = target;
        }

        void releaseRootEnd() throws SAXException {
            if (rootEnd != null) {
                target.endElement(rootEnd[0], rootEnd[1], rootEnd[2]);
            }
            for (String prefix : heldPrefixes) {
                target.endPrefixMapping(prefix);
            }
            rootEnd = null;
            heldPrefixes.clear();
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            target.setDocumentLocator(locator);
        }

        @Override
        public void startDocument() {
            depth = 0;
        }

        @Override
        public void endDocument() {
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            target.startPrefixMapping(prefix, uri);
        }

        @Override
        public void endPrefixMapping(String prefix) throws SAXException {
            if (holdRootEnd && depth == 0) {
                heldPrefixes.add(prefix);
            } else {
                target.endPrefixMapping(prefix);
            }
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            depth++;
            target.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            depth--;
            if (holdRootEnd && depth == 0) {
                rootEnd = new String[] {uri, localName, qName};
            } else {
                target.endElement(uri, localName, qName);
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            target.characters(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            target.ignorableWhitespace(ch, start, length);
        }

        @Override
        public void processingInstruction(String target, String data) throws SAXException {
            this.target.processingInstruction(target, data);
        }

        @Override
        public void skippedEntity(String name) throws SAXException {
            target.skippedEntity(name);
        }
    }
}
