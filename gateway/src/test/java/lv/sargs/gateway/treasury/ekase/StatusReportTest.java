package lv.sargs.gateway.treasury.ekase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import lv.sargs.gateway.treasury.xml.IsoMessage;
import lv.sargs.gateway.treasury.xml.SafeXml;
import lv.sargs.gateway.treasury.xml.XmlLimits;
import lv.sargs.gateway.treasury.xml.XmlRejectedException;
import org.junit.jupiter.api.Test;

/** pain.002.001.03 read whole: every level's status and reasons, the payment's status from the most specific level. */
class StatusReportTest {

    private final SafeXml xml = new SafeXml(XmlLimits.TREASURY);

    private static String document(String name) throws IOException {
        try (InputStream in = StatusReportTest.class.getResourceAsStream("/lv/sargs/gateway/treasury/iso/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private StatusReport read(String document) throws Exception {
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        return StatusReport.of(xml.parse(bytes, IsoMessage.PAIN_002), bytes);
    }

    private static String minimal(String group, String pmtInfs) {
        return "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.03\"><CstmrPmtStsRpt>"
                + "<GrpHdr><MsgId>S1</MsgId><CreDtTm>2026-12-01T10:00:00</CreDtTm></GrpHdr>"
                + "<OrgnlGrpInfAndSts><OrgnlMsgId>M1</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.03</OrgnlMsgNmId>" + group
                + "</OrgnlGrpInfAndSts>" + pmtInfs + "</CstmrPmtStsRpt></Document>";
    }

    @Test
    void transactionLevelRejectionInAPartlyAcceptedGroup() throws Exception {
        StatusReport r = read(document("pain002-transaction-rejections.xml"));
        assertEquals("SRG-TWO-TRANSFERS", r.originalMsgId());
        assertEquals("PART", r.group().status());
        assertEquals("PART", r.status());
        assertEquals("AC04", r.reasonCode());
        assertEquals("Saņēmēja konts ir slēgts; lūdzam precizēt rekvizītus (Õismäe filiāle)", r.reasonText());
        assertEquals(2, r.transactions().size());
        StatusReport.TransactionStatus settled = r.transactions().get(0);
        assertEquals("SRG-TWO-TRANSFERS-T1", settled.endToEndId());
        assertEquals("ACSC", settled.status());
        assertNull(settled.reasonCode());
        StatusReport.TransactionStatus rejected = r.transactions().get(1);
        assertEquals("SRG-TWO-TRANSFERS-P1", rejected.pmtInfId());
        assertEquals("RJCT", rejected.status());
        assertEquals("AC04", rejected.reasonCode());
    }

    @Test
    void perPaymentInformationStatusesWithMultiPartReasons() throws Exception {
        StatusReport r = read(document("pain002-per-payment-information.xml"));
        assertNull(r.group().status());
        assertEquals("PART", r.status());
        assertEquals(2, r.paymentInformations().size());
        assertEquals("ACCP", r.paymentInformations().get(0).level().status());
        StatusReport.Level rejected = r.paymentInformations().get(1).level();
        assertEquals("RJCT", rejected.status());
        assertEquals(2, rejected.reasons().size());
        assertEquals(new StatusReport.Reason("AM04", "Nepietiek līdzekļu kontā LV12TREL0000000000001"),
                rejected.reasons().get(0));
        assertEquals(new StatusReport.Reason("EKASE-LIMITS", null), rejected.reasons().get(1));
        assertEquals("AM04", r.reasonCode());
    }

    @Test
    void theMostSpecificLevelDecides() throws Exception {
        String onlyTx = minimal("<GrpSts>ACTC</GrpSts>", "<OrgnlPmtInfAndSts><OrgnlPmtInfId>P1</OrgnlPmtInfId>"
                + "<TxInfAndSts><OrgnlEndToEndId>T1</OrgnlEndToEndId><TxSts>RJCT</TxSts>"
                + "<StsRsnInf><Rsn><Cd>AC01</Cd></Rsn></StsRsnInf></TxInfAndSts></OrgnlPmtInfAndSts>");
        StatusReport r = read(onlyTx);
        assertEquals("RJCT", r.status());
        assertEquals("AC01", r.reasonCode());
        String inherits = minimal("<GrpSts>ACSC</GrpSts>", "<OrgnlPmtInfAndSts><OrgnlPmtInfId>P1</OrgnlPmtInfId>"
                + "<TxInfAndSts><OrgnlEndToEndId>T1</OrgnlEndToEndId></TxInfAndSts></OrgnlPmtInfAndSts>");
        assertEquals("ACSC", read(inherits).status());
        String groupOnly = minimal("<GrpSts>RJCT</GrpSts><StsRsnInf><Rsn><Cd>FF01</Cd></Rsn>"
                + "<AddtlInf>Fails neatbilst shēmai</AddtlInf></StsRsnInf>", "");
        StatusReport g = read(groupOnly);
        assertEquals("RJCT", g.status());
        assertEquals("FF01", g.reasonCode());
        assertEquals("Fails neatbilst shēmai", g.reasonText());
    }

    @Test
    void aReportWithoutAnyStatusIsRefused() throws Exception {
        String none = minimal("", "<OrgnlPmtInfAndSts><OrgnlPmtInfId>P1</OrgnlPmtInfId></OrgnlPmtInfAndSts>");
        EkaseException e = assertThrows(EkaseException.class, () -> read(none));
        assertEquals("pain.002 for MsgId M1: no status (expected: GrpSts, PmtInfSts or TxSts)", e.getMessage());
    }

    @Test
    void statusesOutsideThe2009CodeListAreRefused() throws Exception {
        String accr = minimal("", "<OrgnlPmtInfAndSts><OrgnlPmtInfId>P1</OrgnlPmtInfId><TxInfAndSts>"
                + "<OrgnlEndToEndId>T1</OrgnlEndToEndId><TxSts>ACCR</TxSts></TxInfAndSts></OrgnlPmtInfAndSts>");
        XmlRejectedException e = assertThrows(XmlRejectedException.class,
                () -> xml.parse(accr.getBytes(StandardCharsets.UTF_8), IsoMessage.PAIN_002));
        assertEquals(XmlRejectedException.Code.SCHEMA_INVALID, e.code());
        assertTrue(e.getMessage().contains("/TxInfAndSts/TxSts"), e.getMessage());
        String version = minimal("<GrpSts>ACCP</GrpSts>", "").replace("pain.002.001.03\"", "pain.002.001.10\"");
        assertEquals(XmlRejectedException.Code.WRONG_MESSAGE, assertThrows(XmlRejectedException.class,
                () -> xml.parse(version.getBytes(StandardCharsets.UTF_8), IsoMessage.PAIN_002)).code());
    }
}
