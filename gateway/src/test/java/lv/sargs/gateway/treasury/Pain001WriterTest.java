package lv.sargs.gateway.treasury;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import lv.sargs.gateway.treasury.xml.IsoMessage;
import lv.sargs.gateway.treasury.xml.SafeXml;
import lv.sargs.gateway.treasury.xml.XmlLimits;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class Pain001WriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.parse("2026-11-21");

    static final String REQUEST = "{\"debtor\":{\"name\":\"Valsts iestade\",\"iban\":\"LV34TREL2200000000001\"},"
            + "\"ultimateDebtor\":{\"name\":\"Skola & <Co>\"},\"transfers\":["
            + "{\"amount\":\"100.10\",\"creditor\":{\"name\":\"SIA A\",\"iban\":\"LV44HABA0551000000001\"},"
            + "\"ekk\":\"2231\",\"amk\":\"110\",\"remittanceInformation\":\"Rekins 1\"},"
            + "{\"amount\":\"0.90\",\"currency\":\"EUR\",\"creditor\":{\"name\":\"Valsts kase\",\"iban\":\"LV07TREL2200000000002\"},"
            + "\"creditorBic\":\"TRELLV22\"}]}";

    @Test
    void writesASchemaValidPain001ThatPassesTheTreasuryRules() throws Exception {
        PaymentIds ids = PaymentIds.derive("client-a", "key-1");
        byte[] xml = Pain001Writer.write(JSON.readTree(REQUEST), ids, Instant.parse("2026-11-21T07:00:00Z"), TODAY);
        Document doc = new SafeXml(XmlLimits.TREASURY).parse(xml, IsoMessage.PAIN_001);
        PaymentInstruction p = PaymentInstruction.of(doc);
        assertEquals(ids.msgId(), p.msgId());
        assertEquals(List.of(ids.pmtInfId()), p.pmtInfIds());
        assertEquals(List.of(ids.endToEndId(1), ids.endToEndId(2)), p.endToEndIds());
        assertEquals("2", p.nbOfTxs());
        assertEquals("101.00", p.ctrlSum().toPlainString());
        assertEquals(List.of(), TreasuryRules.problems(p, TODAY));
        String text = new String(xml, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("<Nm>Skola &amp; &lt;Co&gt;</Nm>"), text);
        assertTrue(text.contains("<Dtls><Tp>EKK</Tp><Cd>2231</Cd></Dtls>"), text);
    }

    @Test
    void identifiersAreDerivedFromTheClientAndItsIdempotencyKey() {
        PaymentIds once = PaymentIds.derive("bank-core", "5f0c6a1e-2b1d-4c55-9d1e-0a7e3c1f9b20");
        PaymentIds again = PaymentIds.derive("bank-core", "5f0c6a1e-2b1d-4c55-9d1e-0a7e3c1f9b20");
        assertEquals(once, again);
        assertEquals(once.msgId(), again.msgId());
        assertEquals(once.endToEndId(2), again.endToEndId(2));
        assertTrue(!once.equals(PaymentIds.derive("other-core", "5f0c6a1e-2b1d-4c55-9d1e-0a7e3c1f9b20")));
        assertTrue(!once.equals(PaymentIds.derive("bank-core", "5f0c6a1e-2b1d-4c55-9d1e-0a7e3c1f9b21")));
        assertTrue(!PaymentIds.derive("ab", "c").equals(PaymentIds.derive("a", "bc")));
    }

    @Test
    void identifiersFitIsoLengths() {
        PaymentIds ids = PaymentIds.derive("client-a", "key-1");
        assertEquals(20, ids.paymentId().length());
        assertTrue(ids.endToEndId(999).length() <= 35);
        assertTrue(ids.paymentId().matches("[a-z2-7]{20}"));
    }

    @Test
    void treasuryRulesCatchCodesUltimateDebtorDatesAndBatchSums() throws Exception {
        // The JSON check refuses such codes before any XML exists: the XML is edited afterwards.
        String bad = REQUEST.replace("{\"name\":\"Skola & <Co>\"}", "{\"name\":\"Skola\"}");
        byte[] xml = Pain001Writer.write(JSON.readTree(bad), PaymentIds.derive("client-a", "key-1"), Instant.now(), TODAY.minusDays(1));
        String text = new String(xml, java.nio.charset.StandardCharsets.UTF_8)
                .replace("<CtrlSum>101.00</CtrlSum><ReqdExctnDt>", "<CtrlSum>101.01</CtrlSum><ReqdExctnDt>")
                .replace("<Cd>2231</Cd>", "<Cd>22A1</Cd>").replace("<Cd>110</Cd>", "<Cd>1100</Cd>");
        PaymentInstruction p = PaymentInstruction.of(new SafeXml(XmlLimits.TREASURY)
                .parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), IsoMessage.PAIN_001));
        List<String> problems = TreasuryRules.problems(p, TODAY);
        assertEquals(List.of(
                "PmtInf[0].ReqdExctnDt: 2026-11-20 (expected: 2026-11-21 or later)",
                "PmtInf[0].CdtTrfTxInf[0].RgltryRptg.Dtls[Tp=EKK].Cd: 22A1 (expected: 4 digits)",
                "PmtInf[0].CdtTrfTxInf[0].RgltryRptg.Dtls[Tp=AMK].Cd: 1100 (expected: 3 digits)",
                "PmtInf[0].CtrlSum: 101.01 (expected: 101.00, the sum of the amounts)"), problems);
    }

    @Test
    void refusesNonObjectJson() {
        TreasuryException e = assertThrows(TreasuryException.class, () -> Pain001Writer.write(JSON.readTree("[1]"),
                PaymentIds.derive("client-a", "key-1"), Instant.now(), TODAY));
        assertEquals("payment JSON: $: ARRAY (expected: a JSON object)", e.getMessage());
    }
}
