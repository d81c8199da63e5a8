package lv.sargs.sandbox.ekase;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The simulated eKase's own XML reading: a hardened DOM parse (no DOCTYPE, no entities, no
 * external access, a size bound) of a document whose root must be the expected message's
 * {@code Document}, and lookups by local name. Written for the simulator, independent of the
 * gateway's parser, so that each checks the other.
 */
final class SimXml {

    /** The largest document the simulator reads. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    /** A document the simulator refuses, with the reason in words. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private SimXml() {
    }

    /** The root element of {@code xml} as the {@code message} document. */
    static Element read(byte[] xml, SimMessage message) throws Refused {
        if (xml.length > MAX_BYTES) {
            throw new Refused(message.id() + ": " + xml.length + " bytes (expected: at most " + MAX_BYTES + ")");
        }
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            doc = builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw new Refused(message.id() + ": line " + e.getLineNumber() + ": not well-formed XML without a DOCTYPE");
        } catch (SAXException | IOException e) {
            throw new Refused(message.id() + ": not well-formed XML without a DOCTYPE");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's DOM parser cannot be hardened", e);
        }
        Element root = doc.getDocumentElement();
        if (!"Document".equals(root.getLocalName()) || !message.namespace().equals(root.getNamespaceURI())) {
            throw new Refused(message.id() + ": root element {" + root.getNamespaceURI() + "}" + root.getLocalName()
                    + " (expected: {" + message.namespace() + "}Document)");
        }
        return root;
    }

    /** The first child named {@code name}, if any. */
    static Optional<Element> child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Every child named {@code name}, in document order. */
    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    /** The trimmed text at the path of child names below {@code from}, if every step exists. */
    static Optional<String> text(Element from, String... path) {
        Element current = from;
        for (String step : path) {
            Optional<Element> next = child(current, step);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get();
        }
        return Optional.of(current.getTextContent().trim());
    }
}
