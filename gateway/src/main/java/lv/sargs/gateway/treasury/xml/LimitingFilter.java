package lv.sargs.gateway.treasury.xml;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Counts depth, elements and attributes as the parser reports them and stops the parse at the
 * first bound broken; checks the root element's namespace when a message is expected. Keeps the
 * path of open elements and the start of the innermost one's text, so a schema error downstream
 * can name where it happened and the value, shortened ({@link SchemaWording}).
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
    private final String[] path;
    private final StringBuilder text = new StringBuilder(lv.sargs.gateway.http.ClientValues.MAX_ANSWERED);
    private long textLength;
    private int depth;
    private int elements;

    LimitingFilter(XmlLimits limits, String what, String expectedNamespace) {
        this.limits = limits;
        this.what = what;
        this.expectedNamespace = expectedNamespace;
        this.path = new String[limits.maxDepth() + 1];
    }

    /** The open elements, e.g. {@code /Document/CstmrCdtTrfInitn/GrpHdr/MsgId}. */
    String path() {
        StringBuilder out = new StringBuilder(64);
        for (int i = 1; i <= depth && i < path.length; i++) {
            out.append('/').append(path[i]);
        }
        return out.toString();
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
        int room = lv.sargs.gateway.http.ClientValues.MAX_ANSWERED - text.length();
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
                    + lv.sargs.gateway.http.ClientValues.forAnswer(localName) + " has "
                    + atts.getLength() + " attributes (expected: at most " + limits.maxAttributes() + ")");
        }
        if (elements == 1 && expectedNamespace != null
                && (!"Document".equals(localName) || !expectedNamespace.equals(uri))) {
            throw stop(XmlRejectedException.Code.WRONG_MESSAGE, "root element "
                    + lv.sargs.gateway.http.ClientValues.forAnswer("{" + uri + "}" + localName)
                    + " (expected: {" + expectedNamespace + "}Document)");
        }
        path[depth] = localName;
        text.setLength(0);
        textLength = 0;
        super.startElement(uri, localName, qName, atts);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        // The validator judges the element's text at its end: the path still names it then.
        super.endElement(uri, localName, qName);
        depth--;
    }

    private Stop stop(XmlRejectedException.Code code, String detail) {
        return new Stop(new XmlRejectedException(code, what + ": " + detail));
    }
}
