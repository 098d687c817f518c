package fr.adminteleservices.platform;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.TreeBuilderException;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * What Camunda's deployment does not check: that the XML is well-formed (it answered a 500), that a literal
 * timer value parses (Camunda evaluates it only when the timer is created: a deployed {@code P18X} made every
 * new instance fail with ENGINE-09027) and that each JUEL expression parses. Expressions naming variables
 * can only be checked for syntax here.
 */
final class ProcessFileCheck {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final Set<String> NOT_EXPRESSIONS = Set.of("script", "documentation", "text");
    // the features of Camunda's own expression manager, so that what it accepts is accepted here
    private static final Builder JUEL = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

    private ProcessFileCheck() {
    }

    /** The problems of one file, in French, each with the file, the line and the element; empty if none. */
    static List<String> problems(AnalystFolder.AnalystFile file) {
        List<String> problems = new ArrayList<>();
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            SAXParser parser = factory.newSAXParser();
            parser.parse(new ByteArrayInputStream(file.content()), new Handler(file.name(), problems));
        } catch (SAXParseException e) {
            problems.add(file.name() + ", ligne " + e.getLineNumber() + ", colonne " + e.getColumnNumber()
                    + " : XML mal formé (" + e.getMessage() + ")");
        } catch (Exception e) {
            problems.add(file.name() + " : illisible (" + e.getMessage() + ")");
        }
        return problems;
    }

    private static final class Frame {
        final String uri;
        final String name;
        final String id;
        final String label;
        final int line;
        final boolean script;
        final StringBuilder text = new StringBuilder();

        Frame(String uri, String name, Attributes attributes, int line) {
            this.uri = uri;
            this.name = name;
            this.id = attributes.getValue("id");
            this.label = attributes.getValue("name");
            this.line = line;
            // a condition with a language is a script, not an expression
            this.script = NOT_EXPRESSIONS.contains(name) || attributes.getValue("language") != null;
        }
    }

    private static final class Handler extends DefaultHandler {
        private final String file;
        private final List<String> problems;
        private final Deque<Frame> open = new ArrayDeque<>();
        private Locator locator;

        Handler(String file, List<String> problems) {
            this.file = file;
            this.problems = problems;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            Frame frame = new Frame(uri, localName, attributes, locator == null ? 0 : locator.getLineNumber());
            open.push(frame);
            for (int i = 0; i < attributes.getLength(); i++) {
                String value = attributes.getValue(i);
                if (isExpression(value)) {
                    checkExpression(value, frame, "l'attribut " + attributes.getQName(i));
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!open.isEmpty()) {
                open.peek().text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            Frame frame = open.pop();
            String text = frame.text.toString().strip();
            if (BPMN.equals(uri) && localName.startsWith("time") && open.peek() != null
                    && "timerEventDefinition".equals(open.peek().name)) {
                checkTimer(localName, text, frame);
            } else if (!frame.script && isExpression(text)) {
                checkExpression(text, frame, "l'expression");
            }
        }

        private void checkTimer(String kind, String value, Frame frame) {
            if (isExpression(value)) {
                checkExpression(value, frame, "la minuterie");
                return;
            }
            BusinessCalendar calendar;
            String expected;
            switch (kind) {
                case "timeDuration" -> {
                    calendar = new DurationBusinessCalendar();
                    expected = "une durée ISO 8601 comme P1Y, P7D ou PT24H";
                }
                case "timeDate" -> {
                    calendar = new DueDateBusinessCalendar();
                    expected = "une date ISO 8601 comme 2027-08-20T06:00:00";
                }
                case "timeCycle" -> {
                    calendar = new CycleBusinessCalendar();
                    expected = "un intervalle répété ISO 8601 comme R3/PT10M ou une expression cron comme 0 0 2 * * ?";
                }
                default -> {
                    return;
                }
            }
            String why;
            try {
                if (!value.isEmpty() && calendar.resolveDuedate(value) != null) {
                    return;
                }
                why = "aucune échéance";
            } catch (Exception e) {
                why = e.getMessage();
            }
            problems.add(where(frame) + " : minuterie « " + value + " » invalide (" + kind + " attend " + expected
                    + " ; " + why + ")");
        }

        private void checkExpression(String expression, Frame frame, String what) {
            try {
                JUEL.build(expression);
            } catch (TreeBuilderException e) {
                problems.add(where(frame) + " : " + what + " « " + expression + " » ne se lit pas (position "
                        + e.getPosition() + ", trouvé " + e.getEncountered() + ", attendu " + e.getExpected() + ")");
            } catch (RuntimeException e) {
                problems.add(where(frame) + " : " + what + " « " + expression + " » ne se lit pas (" + e.getMessage() + ")");
            }
        }

        /** The file, the line and the nearest element with an id; for a timer its event, as the modeler shows it. */
        private String where(Frame frame) {
            StringBuilder where = new StringBuilder(file).append(", ligne ").append(frame.line);
            Frame named = Stream.concat(Stream.of(frame), open.stream())
                    .filter(f -> f.id != null && !f.name.endsWith("EventDefinition")).findFirst().orElse(null);
            if (named != null) {
                where.append(", élément « ").append(named.id).append(" »");
                if (named.label != null && !named.label.isBlank()) {
                    where.append(" (").append(named.label.strip()).append(")");
                }
            }
            return where.toString();
        }

        private static boolean isExpression(String value) {
            return value != null && (value.contains("${") || value.contains("#{"));
        }
    }
}
