package lv.sargs.sandbox.ekase;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Captured documents the simulated eKase answers instead of its own, so that support can show a
 * gateway exactly what a bank received: a camt.052 or camt.053 for an account, the camt.054 of
 * notifications, a pain.002 for a MsgId. A file is read when it is set (at most {@value #MAX_BYTES}
 * bytes) and answered byte for byte; it is checked only for being hardened-parseable XML whose root
 * is the {@code Document} of the message it stands for, so that a wrong file is refused on the
 * admin call, not on the gateway. Thread-safe.
 */
public final class Replays {

    /** The largest file kept. */
    public static final int MAX_BYTES = 8 * 1024 * 1024;

    /** What a captured document can stand for, with the message it must be. */
    public enum Kind {
        /** Today's report of an account (key: IBAN). */
        REPORT("camt.052.001.02"),
        /** A closed day's statement of an account (key: IBAN; every day asked for). */
        STATEMENT("camt.053.001.02"),
        /** The notifications (no key). */
        NOTIFICATIONS("camt.054.001.02"),
        /** The status report of a payment (key: its MsgId). */
        STATUS("pain.002.001.03");

        private final String message;

        Kind(String message) {
            this.message = message;
        }

        /** The ISO 20022 message a document of this kind is. */
        public String message() {
            return message;
        }
    }

    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();

    /**
     * Answers {@code file} for {@code kind} and {@code key} from now on.
     *
     * @throws IllegalArgumentException naming the file and what was expected of it
     */
    public void put(Kind kind, String key, Path file) {
        byte[] xml;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(file + ": " + Files.size(file) + " bytes (expected: at most " + MAX_BYTES + ")");
            }
            xml = Files.readAllBytes(file);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : "read error";
            throw new IllegalArgumentException(file + ": cannot be read (" + why + ")", e);
        }
        String root = rootOf(file, xml);
        String expected = "{urn:iso:std:iso:20022:tech:xsd:" + kind.message() + "}Document";
        if (!expected.equals(root)) {
            throw new IllegalArgumentException(file + ": root element " + root + " (expected: " + expected + ")");
        }
        documents.put(slot(kind, key), xml);
    }

    /** The captured document for {@code kind} and {@code key}, if one was set. */
    public Optional<byte[]> get(Kind kind, String key) {
        return Optional.ofNullable(documents.get(slot(kind, key)));
    }

    /** Forgets every captured document: the simulator answers with its own again. */
    public void clear() {
        documents.clear();
    }

    private static String slot(Kind kind, String key) {
        return kind.name() + ":" + (kind == Kind.NOTIFICATIONS || key == null ? "" : key);
    }

    /** The root element as {namespace}local name, read with a parser that refuses any DOCTYPE. */
    private static String rootOf(Path file, byte[] xml) {
        String[] root = new String[1];
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.newSAXParser().parse(new InputSource(new ByteArrayInputStream(xml)), new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    if (root[0] == null) {
                        root[0] = "{" + uri + "}" + localName;
                    }
                }
            });
        } catch (SAXException e) {
            throw new IllegalArgumentException(file + ": not well-formed XML without a DOCTYPE (" + e.getMessage() + ")", e);
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        return root[0];
    }
}
