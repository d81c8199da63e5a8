package lv.sargs.gateway.treasury.xml;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Counts depth, elements and attributes as the parser reports them and stops the parse at the
 * first bound broken; checks the root element's namespace when a message is expected. Keeps the
 * path of the element being read ({@code /Document/BkToCstmrStmt/Stmt/Ntry[2]/Sts}) and the start
 * of its text, so a schema error downstream can name where it happened and the value, shortened
 * ({@link SchemaWording}).
 */
final class LimitingFilter extends XMLFilterImpl {

    /** Carries a refusal through the SAX machinery. */
    static final class Stop extends SAXException {
        final transient XmlRejectedException rejection;

        Stop(XmlRejectedException rejection) {
            super(rejection.getMessage());
            this.rejection = rejection;
        }
    }

    private final XmlLimits limits;
    private final String what;
    private final String expectedNamespace;
    private final StringBuilder text = new StringBuilder(lv.sargs.gateway.text.ClientValues.MAX_ANSWERED);
    private long textLength;
    private int depth;
    private int elements;
    /** One frame per open element: its path step and how many children of each name it has had. */
    private final Deque<Frame> open = new ArrayDeque<>();

    private record Frame(String step, Map<String, Integer> children) {
    }

    LimitingFilter(XmlLimits limits, String what, String expectedNamespace) {
        this.limits = limits;
        this.what = what;
        this.expectedNamespace = expectedNamespace;
    }

    /** The path of the element being read, e.g. {@code /Document/GrpHdr/MsgId}; {@code /} before the root. */
    String path() {
        if (open.isEmpty()) {
            return "/";
        }
        StringBuilder path = new StringBuilder(64);
        for (Iterator<Frame> i = open.descendingIterator(); i.hasNext(); ) {
            path.append('/').append(i.next().step());
        }
        return path.toString();
    }

    /** The first characters of the innermost element's text. */
    CharSequence textStart() {
        return text;
    }

    /** How many characters the innermost element's text has so far. */
    long textLength() {
        return textLength;
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        int room = lv.sargs.gateway.text.ClientValues.MAX_ANSWERED - text.length();
        if (room > 0) {
            text.append(ch, start, Math.min(room, length));
        }
        textLength += length;
        super.characters(ch, start, length);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        depth++;
        elements++;
        if (depth > limits.maxDepth()) {
            throw stop(XmlRejectedException.Code.TOO_DEEP, "elements nested deeper than " + limits.maxDepth());
        }
        if (elements > limits.maxElements()) {
            throw stop(XmlRejectedException.Code.TOO_MANY_ELEMENTS, "more than " + limits.maxElements() + " elements");
        }
        if (atts.getLength() > limits.maxAttributes()) {
            throw stop(XmlRejectedException.Code.TOO_MANY_ATTRIBUTES, "element " + path() + "/"
                    + lv.sargs.gateway.text.ClientValues.forAnswer(localName) + " has "
                    + atts.getLength() + " attributes (expected: at most " + limits.maxAttributes() + ")");
        }
        // The JDK's namespace-aware SAX parser lets a name with an empty prefix or local part through
        // (<:a>, :a="1"); the DOM built from the events then throws an unchecked DOMException.
        String parent = open.isEmpty() ? "" : path();
        if (!namespaceWellFormed(qName)) {
            throw stop(XmlRejectedException.Code.MALFORMED, "element " + parent + "/"
                    + lv.sargs.gateway.text.ClientValues.forAnswer(qName)
                    + ": not a namespace-well-formed name (expected: name or prefix:name)");
        }
        for (int i = 0; i < atts.getLength(); i++) {
            if (!namespaceWellFormed(atts.getQName(i))) {
                throw stop(XmlRejectedException.Code.MALFORMED, "element " + parent + "/"
                        + lv.sargs.gateway.text.ClientValues.forAnswer(qName) + ": attribute "
                        + lv.sargs.gateway.text.ClientValues.forAnswer(atts.getQName(i))
                        + " is not a namespace-well-formed name (expected: name or prefix:name)");
            }
        }
        if (elements == 1 && expectedNamespace != null
                && (!"Document".equals(localName) || !expectedNamespace.equals(uri))) {
            throw stop(XmlRejectedException.Code.WRONG_MESSAGE, "root element "
                    + lv.sargs.gateway.text.ClientValues.forAnswer("{" + uri + "}" + localName)
                    + " (expected: {" + expectedNamespace + "}Document)");
        }
        int nth = open.isEmpty() ? 1 : open.peek().children().merge(localName, 1, Integer::sum);
        open.push(new Frame(nth == 1 ? localName : localName + "[" + nth + "]", new HashMap<>()));
        text.setLength(0);
        textLength = 0;
        super.startElement(uri, localName, qName, atts);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        depth--;
        // The validator checks an element's content at its end: the path still names it meanwhile.
        super.endElement(uri, localName, qName);
        open.poll();
    }

    /** At most one colon, with something on both sides of it. */
    private static boolean namespaceWellFormed(String qName) {
        int colon = qName.indexOf(':');
        return colon < 0 || colon > 0 && colon < qName.length() - 1 && qName.indexOf(':', colon + 1) < 0;
    }

    private Stop stop(XmlRejectedException.Code code, String detail) {
        return new Stop(new XmlRejectedException(code, what + ": " + detail));
    }
}
