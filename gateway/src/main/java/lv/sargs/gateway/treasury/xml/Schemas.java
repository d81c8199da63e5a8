package lv.sargs.gateway.treasury.xml;

import java.io.InputStream;
import java.net.URL;
import java.util.EnumMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

/**
 * The compiled message schemas, loaded once from this package's resources; includes resolve only
 * to sibling resources, never to a file or the network.
 */
final class Schemas {

    private static final Map<IsoMessage, Schema> COMPILED = compileAll();

    private Schemas() {
    }

    static Schema of(IsoMessage message) {
        return COMPILED.get(message);
    }

    private static Map<IsoMessage, Schema> compileAll() {
        Map<IsoMessage, Schema> schemas = new EnumMap<>(IsoMessage.class);
        for (IsoMessage m : IsoMessage.values()) {
            schemas.put(m, compile(m.id() + ".xsd"));
        }
        return schemas;
    }

    private static Schema compile(String resource) {
        URL url = Schemas.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("schema resource " + resource + " missing from the gateway jar");
        }
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            // Includes are served by SiblingResolver as streams; no scheme may be fetched otherwise.
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setResourceResolver(new SiblingResolver());
            try (InputStream in = url.openStream()) {
                return factory.newSchema(new StreamSource(in, url.toExternalForm()));
            }
        } catch (SAXException | java.io.IOException e) {
            throw new IllegalStateException("schema resource " + resource + " does not compile: " + e.getMessage(), e);
        }
    }

    /** Resolves {@code xs:include} only to resources next to the schemas. */
    private static final class SiblingResolver implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId,
                                       String baseUri) {
            String name = systemId == null ? "" : systemId.substring(systemId.lastIndexOf('/') + 1);
            URL url = name.matches("[a-z0-9.-]+\\.xsd") ? Schemas.class.getResource(name) : null;
            if (url == null) {
                throw new IllegalStateException("schema include " + systemId + " is not a bundled schema");
            }
            return new ResourceInput(url, publicId);
        }
    }

    /** An {@link LSInput} reading a bundled resource. */
    private static final class ResourceInput implements LSInput {
        private final URL url;
        private final String publicId;

        ResourceInput(URL url, String publicId) {
            this.url = url;
            this.publicId = publicId;
        }

        @Override
        public InputStream getByteStream() {
            try {
                return url.openStream();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read bundled schema " + url, e);
            }
        }

        @Override
        public String getSystemId() {
            return url.toExternalForm();
        }

        @Override
        public String getPublicId() {
            return publicId;
        }

        @Override
        public java.io.Reader getCharacterStream() {
            return null;
        }

        @Override
        public void setCharacterStream(java.io.Reader characterStream) {
        }

        @Override
        public void setByteStream(InputStream byteStream) {
        }

        @Override
        public String getStringData() {
            return null;
        }

        @Override
        public void setStringData(String stringData) {
        }

        @Override
        public void setSystemId(String systemId) {
        }

        @Override
        public void setPublicId(String publicId) {
        }

        @Override
        public String getBaseURI() {
            return null;
        }

        @Override
        public void setBaseURI(String baseURI) {
        }

        @Override
        public String getEncoding() {
            return null;
        }

        @Override
        public void setEncoding(String encoding) {
        }

        @Override
        public boolean getCertifiedText() {
            return false;
        }

        @Override
        public void setCertifiedText(boolean certifiedText) {
        }
    }
}
