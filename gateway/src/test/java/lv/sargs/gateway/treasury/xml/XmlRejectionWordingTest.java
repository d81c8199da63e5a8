package lv.sargs.gateway.treasury.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A rejected document is described in Sargs's own words (issue 16 items 4, 5): the element path,
 * the value shortened and escaped, what was expected; no validator keys, type or class names, and
 * no line break a log could be forged with.
 */
class XmlRejectionWordingTest {

    private final SafeXml xml = new SafeXml(XmlLimits.TREASURY);

    private XmlRejectedException rejected(String from, String to) throws Exception {
        String doc = new String(SafeXmlTest.resource("pain001-valid.xml"), StandardCharsets.UTF_8).replace(from, to);
        return assertThrows(XmlRejectedException.class,
                () -> xml.parse(doc.getBytes(StandardCharsets.UTF_8), IsoMessage.PAIN_001));
    }

    private static void assertOwnWords(String message) {
        assertFalse(message.contains("cvc-"), message);
        assertFalse(message.contains("Text'") || message.contains("Max35Text") || message.contains("Code'"), message);
        assertFalse(message.matches("(?s).*\\b(org|com|java|javax|jdk)\\.[a-z]+\\..*"), message);
        assertFalse(message.contains("\n") || message.contains("\r"), message);
    }

    @Test
    void namesTheElementAndEscapesANewlineInARejectedValue() throws Exception {
        String forged = "x\n11:00:00.000 WARN [main] status token: OK -> FAILED" + "y".repeat(200);
        XmlRejectedException e = rejected("<Cdtr><Nm>SIA Piegadatajs</Nm></Cdtr>", "<Cdtr><Nm>" + forged + "</Nm></Cdtr>");
        assertEquals(XmlRejectedException.Code.SCHEMA_INVALID, e.code());
        assertOwnWords(e.getMessage());
        assertTrue(e.getMessage().contains("/Document/CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf/Cdtr/Nm"), e.getMessage());
        assertTrue(e.getMessage().contains("x\\n11:00"), e.getMessage());
        assertTrue(e.getMessage().contains("at most 140 characters"), e.getMessage());
        assertTrue(e.getMessage().length() < 400, e.getMessage());
    }

    @Test
    void namesTheCodesAllowedForAnUnknownCode() throws Exception {
        XmlRejectedException e = rejected("<PmtMtd>TRF</PmtMtd>", "<PmtMtd>CASH</PmtMtd>");
        assertOwnWords(e.getMessage());
        assertTrue(e.getMessage().contains("PmtMtd") && e.getMessage().contains("\"CASH\""), e.getMessage());
        assertTrue(e.getMessage().contains("TRF"), e.getMessage());
    }

    @Test
    void namesAnUnexpectedElementAndWhatWasExpected() throws Exception {
        XmlRejectedException e = rejected("<ChrgBr>SLEV</ChrgBr>", "<ChrgBr>SLEV</ChrgBr><Surprise/>");
        assertOwnWords(e.getMessage());
        assertTrue(e.getMessage().contains("Surprise"), e.getMessage());
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }

    @Test
    void neverEchoesAHugeValue() throws Exception {
        XmlRejectedException e = rejected("<Ustrd>Rekins 2026/11</Ustrd>", "<Ustrd>" + "z".repeat(3_000_000) + "</Ustrd>");
        assertOwnWords(e.getMessage());
        assertTrue(e.getMessage().length() < 400, () -> e.getMessage().substring(0, 400));
        assertTrue(e.getMessage().contains("3000000 characters"), e.getMessage());
    }

    @Test
    void escapesAForeignRootNamespace() throws Exception {
        XmlRejectedException e = assertThrows(XmlRejectedException.class, () -> xml.parse(
                "<Document xmlns=\"urn:x&#10;forged\"/>".getBytes(StandardCharsets.UTF_8), IsoMessage.PAIN_001));
        assertEquals(XmlRejectedException.Code.WRONG_MESSAGE, e.code());
        assertOwnWords(e.getMessage());
    }
}
