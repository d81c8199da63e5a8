package lv.sargs.gateway.treasury.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class SafeXmlTest {

    private final SafeXml xml = new SafeXml(XmlLimits.TREASURY);

    static byte[] resource(String name) throws IOException {
        try (InputStream in = SafeXmlTest.class.getResourceAsStream("/lv/sargs/gateway/treasury/" + name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private XmlRejectedException rejected(String document, IsoMessage message) {
        return assertThrows(XmlRejectedException.class, () -> xml.parse(bytes(document), message));
    }

    @Test
    void acceptsValidPain001() throws Exception {
        Document doc = xml.parse(resource("pain001-valid.xml"), IsoMessage.PAIN_001);
        assertEquals("CLIENT-MSG-1", Elements.required(doc.getDocumentElement(), "CstmrCdtTrfInitn", "GrpHdr", "MsgId"));
    }

    /** One instance serves every thread (the documents' maker is shared): each parse fills a document of its own. */
    @Test
    void eachParseOnAnyThreadGetsADocumentOfItsOwn() throws Exception {
        String valid = new String(resource("pain001-valid.xml"), StandardCharsets.UTF_8);
        Document first = xml.parse(bytes(valid), IsoMessage.PAIN_001);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Document>> parsed = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                byte[] doc = bytes(valid.replace("<MsgId>CLIENT-MSG-1</MsgId>", "<MsgId>CLIENT-MSG-T" + i + "</MsgId>"));
                parsed.add(threads.submit(() -> xml.parse(doc, IsoMessage.PAIN_001)));
            }
            for (int i = 0; i < parsed.size(); i++) {
                Document doc = parsed.get(i).get();
                assertNotSame(first, doc);
                assertEquals("CLIENT-MSG-T" + i,
                        Elements.required(doc.getDocumentElement(), "CstmrCdtTrfInitn", "GrpHdr", "MsgId"));
                assertEquals(1, doc.getChildNodes().getLength(), "the document element alone");
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals("CLIENT-MSG-1", Elements.required(first.getDocumentElement(), "CstmrCdtTrfInitn", "GrpHdr", "MsgId"));
    }

    /**
     * Found by Jazzer (camt.053): the JDK's SAX parser lets {@code <:a>} and {@code :a="1"} through and
     * the DOM built from them threw an unchecked DOMException, i.e. no refusal at all.
     */
    @Test
    void refusesNamesWithAnEmptyPrefixOrLocalPart() {
        String ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";
        XmlRejectedException element = rejected("<Document xmlns=\"" + ns + "\"><CstmrCdtTrfInitn><:>x</:>"
                + "</CstmrCdtTrfInitn></Document>", IsoMessage.PAIN_001);
        assertEquals(XmlRejectedException.Code.MALFORMED, element.code());
        assertEquals("pain.001.001.03: element /Document/CstmrCdtTrfInitn/\":\": not a namespace-well-formed name"
                + " (expected: name or prefix:name)", element.getMessage());
        XmlRejectedException attribute = rejected("<Document xmlns=\"" + ns + "\" :a=\"1\"/>", IsoMessage.PAIN_001);
        assertEquals(XmlRejectedException.Code.MALFORMED, attribute.code());
        assertEquals("pain.001.001.03: element /\"Document\": attribute \":a\" is not a namespace-well-formed name"
                + " (expected: name or prefix:name)", attribute.getMessage());
        assertEquals(XmlRejectedException.Code.MALFORMED, assertThrows(XmlRejectedException.class,
                () -> xml.parseWellFormed(bytes("<d><e:/><:a/></d>"), "test")).code());
        assertEquals(XmlRejectedException.Code.MALFORMED, assertThrows(XmlRejectedException.class,
                () -> xml.parseWellFormed(bytes("<d><:a/></d>"), "test")).code());
    }

    @Test
    void refusesSchemaInvalidPain001WithTheViolatedRule() throws Exception {
        String doc = new String(resource("pain001-valid.xml"), StandardCharsets.UTF_8)
                .replace("<PmtMtd>TRF</PmtMtd>", "<PmtMtd>CASH</PmtMtd>");
        XmlRejectedException e = rejected(doc, IsoMessage.PAIN_001);
        assertEquals(XmlRejectedException.Code.SCHEMA_INVALID, e.code());
        assertTrue(e.getMessage().startsWith("pain.001.001.03: line "), e.getMessage());
        assertTrue(e.getMessage().contains("CASH"), e.getMessage());
    }

    @Test
    void refusesUnknownElementsInsideTheSubset() throws Exception {
        String doc = new String(resource("pain001-valid.xml"), StandardCharsets.UTF_8)
                .replace("<ChrgBr>SLEV</ChrgBr>", "<ChrgBr>SLEV</ChrgBr><Surprise/>");
        assertEquals(XmlRejectedException.Code.SCHEMA_INVALID, rejected(doc, IsoMessage.PAIN_001).code());
    }

    @Test
    void refusesAnotherMessageWhereOneIsExpected() {
        String doc = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"/>";
        XmlRejectedException e = rejected(doc, IsoMessage.PAIN_001);
        assertEquals(XmlRejectedException.Code.WRONG_MESSAGE, e.code());
    }

    @Test
    void refusesExternalEntityWithoutReadingTheFile(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-MARKER");
        String doc = "<?xml version=\"1.0\"?><!DOCTYPE Document [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\">&xxe;</Document>";
        XmlRejectedException e = rejected(doc, IsoMessage.PAIN_001);
        assertEquals(XmlRejectedException.Code.DOCTYPE_FORBIDDEN, e.code());
        assertFalse(e.getMessage().contains("TOP-SECRET-MARKER"));
        XmlRejectedException plain = assertThrows(XmlRejectedException.class,
                () -> xml.parseWellFormed(bytes(doc), "test"));
        assertEquals(XmlRejectedException.Code.DOCTYPE_FORBIDDEN, plain.code());
    }

    @Test
    void refusesExternalEntitiesAndDtdsWithoutTouchingTheNetwork() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + listener.getLocalPort() + "/";
            String[] hostile = {
                "<!DOCTYPE Document SYSTEM \"" + url + "dtd\"><Document/>",
                "<!DOCTYPE Document [<!ENTITY % p SYSTEM \"" + url + "p\"> %p;]><Document/>",
                "<!DOCTYPE Document [<!ENTITY e SYSTEM \"" + url + "e\">]><Document>&e;</Document>",
            };
            for (String doc : hostile) {
                assertEquals(XmlRejectedException.Code.DOCTYPE_FORBIDDEN,
                        assertThrows(XmlRejectedException.class, () -> xml.parseWellFormed(bytes(doc), "test")).code());
            }
            String xinclude = "<Document xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"" + url
                    + "x\" parse=\"text\"/></Document>";
            Document parsed = xml.parseWellFormed(bytes(xinclude), "test");
            assertEquals("include", parsed.getDocumentElement().getFirstChild().getLocalName());
            listener.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, listener::accept, "the parser connected to " + url);
        }
    }

    @Test
    void refusesBillionLaughsWithoutExpanding() {
        StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            doc.append("<!ENTITY lol").append(i).append(" \"");
            doc.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        doc.append("]><Document>&lol9;</Document>");
        XmlRejectedException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(XmlRejectedException.class, () -> xml.parseWellFormed(bytes(doc.toString()), "test")));
        assertEquals(XmlRejectedException.Code.DOCTYPE_FORBIDDEN, e.code());
    }

    @Test
    void refusesQuadraticBlowupWithoutExpanding() {
        String big = "x".repeat(100_000);
        String doc = "<!DOCTYPE d [<!ENTITY a \"" + big + "\">]><d>" + "&a;".repeat(10_000) + "</d>";
        XmlRejectedException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(XmlRejectedException.class, () -> xml.parseWellFormed(bytes(doc), "test")));
        assertEquals(XmlRejectedException.Code.DOCTYPE_FORBIDDEN, e.code());
    }

    @Test
    void refusesUndeclaredEntityReference() {
        XmlRejectedException e = assertThrows(XmlRejectedException.class,
                () -> xml.parseWellFormed(bytes("<d>&xxe;</d>"), "test"));
        assertEquals(XmlRejectedException.Code.MALFORMED, e.code());
    }

    @Test
    void refusesDeepNestingAtTheLimit() {
        String doc = "<a>".repeat(10_000) + "</a>".repeat(10_000);
        XmlRejectedException e = assertThrows(XmlRejectedException.class, () -> xml.parseWellFormed(bytes(doc), "test"));
        assertEquals(XmlRejectedException.Code.TOO_DEEP, e.code());
        assertEquals("test: elements nested deeper than 32", e.getMessage());
    }

    @Test
    void refusesTooManyElementsAndAttributes() {
        SafeXml small = new SafeXml(new XmlLimits(1 << 20, 8, 100, 3));
        String many = "<a>" + "<b/>".repeat(100) + "</a>";
        assertEquals(XmlRejectedException.Code.TOO_MANY_ELEMENTS,
                assertThrows(XmlRejectedException.class, () -> small.parseWellFormed(bytes(many), "test")).code());
        String attrs = "<a p=\"1\" q=\"2\" r=\"3\" s=\"4\"/>";
        assertEquals(XmlRejectedException.Code.TOO_MANY_ATTRIBUTES,
                assertThrows(XmlRejectedException.class, () -> small.parseWellFormed(bytes(attrs), "test")).code());
    }

    @Test
    void refusesOversizedDocumentBeforeParsing() {
        SafeXml small = new SafeXml(new XmlLimits(64, 8, 100, 3));
        XmlRejectedException e = assertThrows(XmlRejectedException.class,
                () -> small.parseWellFormed(new byte[65], "pain.001.001.03"));
        assertEquals(XmlRejectedException.Code.TOO_LARGE, e.code());
        assertEquals("pain.001.001.03: 65 bytes (expected: at most 64)", e.getMessage());
    }

    @Test
    void everyBundledSchemaCompiles() {
        for (IsoMessage m : IsoMessage.values()) {
            assertTrue(Schemas.of(m) != null, m.id());
        }
    }
}
