package lv.sargs.gateway.treasury;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import lv.sargs.gateway.treasury.ekase.AccountReport;
import lv.sargs.gateway.treasury.xml.IsoMessage;
import lv.sargs.gateway.treasury.xml.SafeXml;
import lv.sargs.gateway.treasury.xml.XmlLimits;
import lv.sargs.gateway.treasury.xml.XmlRejectedException;
import org.junit.jupiter.api.Test;

/**
 * camt.052/053/054.001.02 as banks may send them (documents written for Sargs from the message
 * definitions, every optional family present) are accepted and reach the JSON with their figures;
 * wrong versions, missing mandatory elements and values outside the official types are refused
 * naming the element.
 */
class AccountReportReadingTest {

    private final SafeXml xml = new SafeXml(XmlLimits.TREASURY);

    static String document(String name) throws IOException {
        try (InputStream in = AccountReportReadingTest.class.getResourceAsStream("/lv/sargs/gateway/treasury/iso/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private JsonNode read(String document, IsoMessage message) throws XmlRejectedException {
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        return TreasuryJson.report(new AccountReport(message, bytes, xml.parse(bytes, message)));
    }

    private XmlRejectedException refused(String document, IsoMessage message) {
        return assertThrows(XmlRejectedException.class,
                () -> xml.parse(document.getBytes(StandardCharsets.UTF_8), message));
    }

    @Test
    void statementWithEveryOptionalFamilyIsReadWithItsFigures() throws Exception {
        JsonNode o = read(document("camt053-every-family.xml"), IsoMessage.CAMT_053);
        assertEquals("STMT-2026-11-30-0001", o.get("messageId").asText());
        assertEquals("Rīgas Ūdensapgādes Pašvaldība", o.get("recipient").asText());
        assertEquals("1", o.at("/pagination/page").asText());
        assertTrue(o.at("/pagination/last").asBoolean());
        JsonNode s = o.at("/statements/0");
        assertEquals("334", s.get("electronicSequenceNumber").asText());
        assertEquals("12", s.get("legalSequenceNumber").asText());
        assertEquals("COPY", s.get("copyDuplicate").asText());
        assertEquals("LV12TREL0000000000001", s.at("/account/iban").asText());
        assertEquals("CACC", s.at("/account/type").asText());
        assertEquals("Pamatbudžets", s.at("/account/name").asText());
        assertEquals("TRELLV22", s.at("/account/servicerBic").asText());
        assertEquals("LV80TREL0000000000002", s.at("/relatedAccount/iban").asText());

        JsonNode opening = s.at("/balances/0");
        assertEquals("OPBD", opening.get("type").asText());
        assertEquals("INTM", opening.get("subType").asText());
        assertEquals("50000.00", opening.at("/creditLine/amount").asText());
        assertEquals(false, opening.at("/creditLine/included").asBoolean());
        assertEquals("1000.00", opening.get("amount").asText());
        assertEquals("CLBD", s.at("/balances/1/type").asText());
        assertEquals("1245.67", s.at("/balances/1/amount").asText());

        assertEquals("2", s.at("/summary/entries/count").asText());
        assertEquals("245.67", s.at("/summary/entries/net").asText());
        assertEquals("300.00", s.at("/summary/credits/sum").asText());
        assertEquals("54.33", s.at("/summary/debits/sum").asText());
        assertEquals("ESCT", s.at("/summary/perBankTransactionCode/0/bankTransactionCode/subFamily").asText());

        JsonNode credit = s.at("/entries/0");
        assertEquals("300.00", credit.get("amount").asText());
        assertEquals("CRDT", credit.get("creditDebit").asText());
        assertEquals(false, credit.get("reversal").asBoolean());
        assertEquals("PMNT", credit.at("/bankTransactionCode/domain").asText());
        assertEquals("RCDT", credit.at("/bankTransactionCode/family").asText());
        assertEquals("INP", credit.at("/bankTransactionCode/proprietary").asText());
        assertEquals("TREL", credit.at("/bankTransactionCode/issuer").asText());
        assertEquals("300.00", credit.at("/amountDetails/instructed/amount").asText());
        assertEquals("EE-PMT-77-1", credit.at("/batches/0/pmtInfId").asText());
        assertEquals("1", credit.at("/batches/0/numberOfTransactions").asText());
        assertEquals("300.00", credit.at("/batches/0/amount").asText());

        JsonNode tx = credit.at("/transactions/0");
        assertEquals("ARVE-2026-0042", tx.get("endToEndId").asText());
        assertEquals("MANDAAT-12", tx.get("mandateId").asText());
        assertEquals("000123", tx.get("chequeNumber").asText());
        assertEquals("TARGET2-REF-9", tx.get("clearingSystemReference").asText());
        assertEquals("EK-PRTRY-1", tx.at("/proprietaryReference/reference").asText());
        assertEquals("300.00", tx.at("/amountDetails/transaction/amount").asText());
        assertEquals("0.50", tx.at("/charges/0/amount").asText());
        assertEquals("SLEV", tx.at("/charges/0/bearer").asText());
        assertEquals("Jüri Õunapuu", tx.at("/debtor/name").asText());
        assertEquals("EE382200221020145685", tx.at("/debtor/iban").asText());
        assertEquals("Tõnismägi", tx.at("/debtor/address/street").asText());
        assertEquals("Säästu Õlletehas OÜ", tx.at("/ultimateDebtor/name").asText());
        assertEquals("HABAEE2X", tx.get("debtorAgentBic").asText());
        assertEquals("SUPP", tx.get("purpose").asText());
        assertEquals("Rēķins Nr. 42 par ūdeni, Õunapuu", tx.at("/remittanceInformation/0").asText());
        assertEquals("RF18539007547034", tx.at("/structuredRemittance/0/creditorReference").asText());
        assertEquals("SCOR", tx.at("/structuredRemittance/0/creditorReferenceType").asText());
        assertEquals("CINV", tx.at("/structuredRemittance/0/documents/0/type").asText());
        assertEquals("ARVE-2026-0042", tx.at("/structuredRemittance/0/documents/0/number").asText());
        assertEquals("Ūdens un kanalizācija, novembris", tx.at("/structuredRemittance/0/additional/0").asText());
        assertEquals("2026-11-30", tx.at("/dates/interbankSettlement").asText());

        JsonNode returned = s.at("/entries/1");
        assertEquals(true, returned.get("reversal").asBoolean());
        assertEquals("2026-11-30T14:00:00+02:00", returned.get("bookingDate").asText());
        assertEquals("1.00", returned.at("/charges/0/amount").asText());
        assertEquals("AC04", returned.at("/transactions/0/returnReason/code").asText());
        assertEquals("Konts slēgts pēc klienta pieprasījuma", returned.at("/transactions/0/returnReason/info").asText());
        assertEquals("Ģirts Ēķis", returned.at("/transactions/0/creditor/name").asText());
    }

    @Test
    void intradayReportWithTypedBalanceCreditLineAndInterestIsRead() throws Exception {
        JsonNode o = read(document("camt052-intraday.xml"), IsoMessage.CAMT_052);
        assertEquals("Liepājas Valstspilsētas Pašvaldība", o.get("recipient").asText());
        assertEquals(false, o.at("/pagination/last").asBoolean());
        JsonNode r = o.at("/reports/0");
        assertEquals("BUDZ", r.at("/account/type").asText());
        assertEquals("ITAV", r.at("/balances/0/type").asText());
        assertEquals("DIENAS", r.at("/balances/0/subType").asText());
        assertEquals(true, r.at("/balances/0/creditLine/included").asBoolean());
        assertEquals("7345.10", r.at("/balances/0/amount").asText());
        assertEquals("2026-12-01T11:00:00+02:00", r.at("/balances/0/date").asText());
        assertEquals("0.42", r.at("/entries/0/amount").asText());
        assertEquals("PDNG", r.at("/entries/0/status").asText());
        assertEquals("INTR", r.at("/entries/0/bankTransactionCode/subFamily").asText());
    }

    @Test
    void notificationOfABatchWithAReturnIsRead() throws Exception {
        JsonNode o = read(document("camt054-batch.xml"), IsoMessage.CAMT_054);
        assertEquals(41, o.get("next").asLong());
        JsonNode entry = o.at("/notifications/0/entries/0");
        assertEquals("SRG-BATCH-1", entry.at("/batches/0/msgId").asText());
        assertEquals("2", entry.at("/batches/0/numberOfTransactions").asText());
        assertEquals("150.25", entry.at("/batches/0/amount").asText());
        assertEquals("DBIT", entry.at("/batches/0/creditDebit").asText());
        assertEquals(2, entry.get("transactions").size());
        assertEquals("100.00", entry.at("/transactions/0/amountDetails/transaction/amount").asText());
        assertEquals("Āboliņš Ērika", entry.at("/transactions/0/creditor/name").asText());
        assertEquals("KONTS-NAV", entry.at("/transactions/1/returnReason/proprietary").asText());
        assertEquals("Saņēmēja konts neeksistē", entry.at("/transactions/1/returnReason/info").asText());
        assertEquals("LV80TREL0000000000002", o.at("/notifications/0/relatedAccount/iban").asText());
    }

    @Test
    void anotherVersionOrNamespaceIsRefusedNamingTheExpectedOne() throws Exception {
        String doc = document("camt053-every-family.xml");
        XmlRejectedException v4 = refused(doc.replace("camt.053.001.02", "camt.053.001.04"), IsoMessage.CAMT_053);
        assertEquals(XmlRejectedException.Code.WRONG_MESSAGE, v4.code());
        assertTrue(v4.getMessage().contains("camt.053.001.04")
                && v4.getMessage().contains("expected: {urn:iso:std:iso:20022:tech:xsd:camt.053.001.02}Document"),
                v4.getMessage());
        XmlRejectedException none = refused(doc.replace(" xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"", ""),
                IsoMessage.CAMT_053);
        assertEquals(XmlRejectedException.Code.WRONG_MESSAGE, none.code());
        assertEquals(XmlRejectedException.Code.WRONG_MESSAGE, refused(doc, IsoMessage.CAMT_052).code());
    }

    @Test
    void aMissingMandatoryElementIsRefusedNamingWhere() throws Exception {
        String doc = document("camt053-every-family.xml").replaceFirst("<Sts>BOOK</Sts>", "");
        XmlRejectedException e = refused(doc, IsoMessage.CAMT_053);
        assertEquals(XmlRejectedException.Code.SCHEMA_INVALID, e.code());
        assertTrue(e.getMessage().contains("element /Document/BkToCstmrStmt/Stmt/Ntry/"), e.getMessage());
        assertTrue(e.getMessage().contains("Sts"), e.getMessage());
        assertTrue(!e.getMessage().contains("cvc-"), e.getMessage());
    }

    @Test
    void valuesOutsideTheOfficialTypesAreRefusedNamingTheElement() throws Exception {
        String doc = document("camt053-every-family.xml");
        String[][] cases = {
            {"<ElctrncSeqNb>334</ElctrncSeqNb>", "<ElctrncSeqNb>1.5</ElctrncSeqNb>", "/Stmt/ElctrncSeqNb"},
            {"<Tp><Cd>CACC</Cd></Tp>", "<Tp><Cd>ABCD</Cd></Tp>", "/Stmt/Acct/Tp/Cd"},
            {"<Incl>false</Incl>", "<Incl>maybe</Incl>", "/Bal/CdtLine/Incl"},
            {"<Amt Ccy=\"EUR\">1245.67</Amt>", "<Amt Ccy=\"EUR\">1245.670001</Amt>", "/Bal[2]/Amt"},
            {"<Amt Ccy=\"EUR\">1245.67</Amt>", "<Amt Ccy=\"EUR\">-1245.67</Amt>", "/Bal[2]/Amt"},
            {"<Br>SLEV</Br>", "<Br>SOME</Br>", "/Chrgs/Br"},
            {"<ChqNb>000123</ChqNb>", "<ChqNb>" + "9".repeat(36) + "</ChqNb>", "/Refs/ChqNb"},
            {"<Cd>SCOR</Cd>", "<Cd>XXXX</Cd>", "/CdtrRefInf/Tp/CdOrPrtry/Cd"},
            {"<PhneNb>+371-67000000</PhneNb>", "<PhneNb>67000000</PhneNb>", "/MsgRcpt/CtctDtls/PhneNb"},
            {"<BIC>HABAEE2X</BIC>", "<BIC>HABAEE2</BIC>", "/DbtrAgt/FinInstnId/BIC"},
        };
        for (String[] c : cases) {
            assertTrue(doc.contains(c[0]), c[0]);
            XmlRejectedException e = refused(doc.replace(c[0], c[1]), IsoMessage.CAMT_053);
            assertEquals(XmlRejectedException.Code.SCHEMA_INVALID, e.code(), c[1]);
            assertTrue(e.getMessage().contains(c[2]), c[1] + " -> " + e.getMessage());
        }
    }

    @Test
    void anElementTheOfficialSchemaDoesNotDefineIsRefused() throws Exception {
        String doc = document("camt053-every-family.xml").replace("<ComssnWvrInd>", "<Surprise/><ComssnWvrInd>");
        XmlRejectedException e = refused(doc, IsoMessage.CAMT_053);
        assertEquals(XmlRejectedException.Code.SCHEMA_INVALID, e.code());
        assertTrue(e.getMessage().contains("Surprise"), e.getMessage());
    }

    @Test
    void hostileXmlIsRefusedBeforeItIsRead() throws Exception {
        String doc = document("camt053-every-family.xml").replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>")
                .replace("Pamatbudžets", "&b;");
        assertEquals(XmlRejectedException.Code.DOCTYPE_FORBIDDEN, refused(doc, IsoMessage.CAMT_053).code());
        assertEquals(XmlRejectedException.Code.MALFORMED,
                refused(document("camt053-every-family.xml").replace("</Stmt>", ""), IsoMessage.CAMT_053).code());
    }
}
