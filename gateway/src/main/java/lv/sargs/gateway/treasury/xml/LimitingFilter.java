package lv.sargs.gateway.treasury.xml;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Counts depth, elements and attributes as the parser reports them and stops the parse at the
 * first bound broken; checks the root element's namespace when a message is expected.
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
    private int depth;
    private int elements;

    LimitingFilter(XmlLimits limits, String what, String expectedNamespace) {
        this.limits = limits;
        this.what = what;
        this.expectedNamespace = expectedNamespace;
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
            throw stop(XmlRejectedException.Code.TOO_MANY_ATTRIBUTES, "element " + localName + " has "
                    + atts.getLength() + " attributes (expected: at most " + limits.maxAttributes() + ")");
        }
        if (elements == 1 && expectedNamespace != null
                && (!"Document".equals(localName) || !expectedNamespace.equals(uri))) {
            throw stop(XmlRejectedException.Code.WRONG_MESSAGE, "root element {" + uri + "}" + localName
                    + " (expected: {" + expectedNamespace + "}Document)");
        }
        super.startElement(uri, localName, qName, atts);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        depth--;
        super.endElement(uri, localName, qName);
    }

    private Stop stop(XmlRejectedException.Code code, String detail) {
        return new Stop(new XmlRejectedException(code, what + ": " + detail));
    }
}
