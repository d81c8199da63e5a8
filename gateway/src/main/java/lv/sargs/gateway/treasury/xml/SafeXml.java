package lv.sargs.gateway.treasury.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.sax.SAXTransformerFactory;
import javax.xml.transform.sax.TransformerHandler;
import javax.xml.validation.ValidatorHandler;
import lv.sargs.gateway.text.ClientValues;
import org.w3c.dom.DOMImplementation;
import org.w3c.dom.Document;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * The gateway's one way to read XML: a hardened, namespace-aware SAX parse (no DOCTYPE at all,
 * hence no entity of any kind; no external access; no XInclude; secure processing) bounded by
 * {@link XmlLimits}, optionally validated against an {@link IsoMessage} schema in the same pass,
 * into a DOM that is only built from what passed. Thread-safe; one instance serves the gateway.
 */
public final class SafeXml {

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";

    private final XmlLimits limits;
    private final SAXParserFactory parsers;
    private final SAXTransformerFactory builders;
    /**
     * Makes the empty document each parse fills. Left to itself, the DOM builder would look up a
     * DocumentBuilderFactory and build a whole DOM parser per parse only to call newDocument(),
     * about a tenth of a small document's parse; a DOMImplementation creates documents and
     * parses nothing, so one serves every thread.
     */
    private final DOMImplementation documents;

    /** A parser bounded by {@code limits}. */
    public SafeXml(XmlLimits limits) {
        this.limits = limits;
        this.parsers = hardenedParsers();
        this.builders = hardenedBuilders();
        this.documents = documentMaker();
        // Compiles every message schema now, when the gateway starts, not within a client's first request.
        Schemas.of(IsoMessage.PAIN_001);
    }

    /** The bounds this parser enforces. */
    public XmlLimits limits() {
        return limits;
    }

    /**
     * Parses {@code xml} as the {@code message} document and validates it against its schema.
     *
     * @throws XmlRejectedException naming the limit, the syntax error or the schema violation
     */
    public Document parse(byte[] xml, IsoMessage message) throws XmlRejectedException {
        ValidatorHandler validator = Schemas.of(message).newValidatorHandler();
        try {
            validator.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("the JDK's schema validator lacks secure processing", e);
        }
        return run(xml, message.id(), message.namespace(), validator);
    }

    /**
     * Parses {@code xml} as well-formed XML without a schema, under the same bounds and hardening.
     *
     * @param what names the document in messages, e.g. {@code eKase answer}
     * @throws XmlRejectedException naming the limit or the syntax error
     */
    public Document parseWellFormed(byte[] xml, String what) throws XmlRejectedException {
        return run(xml, what, null, null);
    }

    /** A StAX writer factory for documents the gateway produces (writing never resolves entities). */
    public static XMLOutputFactory outputFactory() {
        return XMLOutputFactory.newFactory();
    }

    private Document run(byte[] xml, String what, String namespace, ValidatorHandler validator)
            throws XmlRejectedException {
        if (xml.length > limits.maxBytes()) {
            throw new XmlRejectedException(XmlRejectedException.Code.TOO_LARGE, what + ": " + xml.length
                    + " bytes (expected: at most " + limits.maxBytes() + ")");
        }
        DOMResult result = new DOMResult(documents.createDocument(null, null, null));
        LimitingFilter filter = new LimitingFilter(limits, what, namespace);
        try {
            TransformerHandler builder = builders.newTransformerHandler();
            builder.setResult(result);
            ContentHandler downstream = builder;
            if (validator != null) {
                validator.setContentHandler(builder);
                downstream = validator;
            }
            XMLReader reader = newReader();
            filter.setParent(reader);
            filter.setContentHandler(downstream);
            filter.setErrorHandler(new Strict(what, XmlRejectedException.Code.MALFORMED, filter));
            if (validator != null) {
                validator.setErrorHandler(new Strict(what, XmlRejectedException.Code.SCHEMA_INVALID, filter));
            }
            filter.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity " + systemId + " refused");
            });
            filter.parse(new InputSource(new ByteArrayInputStream(xml)));
        } catch (LimitingFilter.Stop stop) {
            throw stop.rejection;
        } catch (org.w3c.dom.DOMException e) {
            // A backstop: the DOM refuses a name the SAX parser let through (LimitingFilter stops the known ones).
            throw new XmlRejectedException(XmlRejectedException.Code.MALFORMED, what + ": element "
                    + ClientValues.forAnswer(filter.path()) + ": not namespace-well-formed XML", e);
        } catch (SAXException e) {
            throw classify(what, e);
        } catch (IOException e) {
            throw new XmlRejectedException(XmlRejectedException.Code.MALFORMED, what + ": the document could not be read ("
                    + ClientValues.forText(e.getMessage()) + ")", e);
        } catch (TransformerConfigurationException | ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be hardened", e);
        }
        return (Document) result.getNode();
    }

    private XMLReader newReader() throws ParserConfigurationException, SAXException {
        XMLReader reader = parsers.newSAXParser().getXMLReader();
        reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return reader;
    }

    private static XmlRejectedException classify(String what, SAXException e) {
        Throwable cause = e.getException() != null ? e.getException() : e.getCause();
        if (cause instanceof LimitingFilter.Stop stop) {
            return stop.rejection;
        }
        if (e instanceof Rejection r) {
            return r.rejection;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.contains("DOCTYPE")) {
            return new XmlRejectedException(XmlRejectedException.Code.DOCTYPE_FORBIDDEN,
                    what + ": a DOCTYPE is not accepted (no DTD, no entities)");
        }
        // The parser's own words on well-formedness name only the document's text (element names, characters).
        return new XmlRejectedException(XmlRejectedException.Code.MALFORMED, what + ": " + position(e)
                + "not well-formed XML: " + ClientValues.forText(message), e);
    }

    private static String position(SAXException e) {
        return e instanceof SAXParseException p && p.getLineNumber() > 0
                ? "line " + p.getLineNumber() + ", column " + p.getColumnNumber() + ": " : "";
    }

    /** Carries a classified rejection raised by an error handler. */
    private static final class Rejection extends SAXException {
        final transient XmlRejectedException rejection;

        Rejection(XmlRejectedException rejection) {
            super(rejection.getMessage());
            this.rejection = rejection;
        }
    }

    /**
     * Turns every error into a rejection of the given code, naming the element path when it is
     * known; warnings are ignored.
     */
    private static final class Strict implements ErrorHandler {
        private final String what;
        private final XmlRejectedException.Code code;
        private final LimitingFilter where;

        Strict(String what, XmlRejectedException.Code code, LimitingFilter where) {
            this.what = what;
            this.code = code;
            this.where = where;
        }

        @Override
        public void warning(SAXParseException e) {
            // Warnings (e.g. about unused declarations) never make a document unacceptable.
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw reject(e);
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw reject(e);
        }

        private SAXException reject(SAXParseException e) {
            if (code == XmlRejectedException.Code.MALFORMED) {
                return new Rejection(classify(what, e));
            }
            return new Rejection(new XmlRejectedException(code, SchemaWording.describe(what, e, where), e));
        }
    }

    private static SAXParserFactory hardenedParsers() {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature(DISALLOW_DOCTYPE, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return f;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser cannot be hardened", e);
        }
    }

    private static DOMImplementation documentMaker() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().getDOMImplementation();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's DOM cannot create documents", e);
        }
    }

    private static SAXTransformerFactory hardenedBuilders() {
        try {
            TransformerFactory f = TransformerFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            if (!f.getFeature(SAXTransformerFactory.FEATURE)) {
                throw new IllegalStateException("the JDK's transformer factory cannot build a DOM from SAX");
            }
            return (SAXTransformerFactory) f;
        } catch (TransformerConfigurationException e) {
            throw new IllegalStateException("the JDK's transformer factory cannot be hardened", e);
        }
    }
}
