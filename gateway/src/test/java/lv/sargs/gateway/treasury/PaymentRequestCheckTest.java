package lv.sargs.gateway.treasury;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A JSON payment is checked field by field, by JSON path, before any XML exists. */
class PaymentRequestCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode request() throws Exception {
        return (ObjectNode) JSON.readTree(Pain001WriterTest.REQUEST);
    }

    private static ObjectNode transfer(ObjectNode request) {
        return (ObjectNode) request.get("transfers").get(0);
    }

    private static List<String> problems(JsonNode request) {
        return PaymentRequestCheck.problems(request);
    }

    @Test
    void theReferenceRequestHasNoProblem() throws Exception {
        assertEquals(List.of(), problems(request()));
    }

    @Test
    void amountsOutsideTheDocumentedGrammarAreRefused() throws Exception {
        List<String> refused = List.of("1e2", "1E1", "1.5e1", "1e-2", "+5.00", "-5.00", ".5", "5.", "0012.00", "00",
                "12.3400", "12.345", "1,00", " 5.00", "5.00 ", "١٢.٠٠", "１２.００", "12.0\u0660", "", "NaN", "Infinity",
                "0", "0.00", "12345678901234567.00");
        for (String amount : refused) {
            ObjectNode r = request();
            transfer(r).put("amount", amount);
            List<String> found = problems(r);
            assertEquals(1, found.size(), amount + " -> " + found);
            assertTrue(found.get(0).startsWith("$.transfers[0].amount: \""), found.get(0));
        }
        for (String amount : List.of("0.01", "5", "5.0", "100.00", "1234567890123456.99")) {
            ObjectNode r = request();
            transfer(r).put("amount", amount);
            assertEquals(List.of(), problems(r), amount);
        }
    }

    @Test
    void aNumberWhereAStringBelongsIsRefusedNotCoerced() throws Exception {
        ObjectNode r = request();
        transfer(r).put("amount", 100);
        r.with("debtor").put("name", 42);
        transfer(r).put("ekk", 2231);
        transfer(r).put("remittanceInformation", true);
        assertEquals(List.of(
                "$.debtor.name: a number 42 (expected: a JSON string)",
                "$.transfers[0].amount: a number 100 (expected: a decimal string such as \"100.00\", not a JSON number)",
                "$.transfers[0].remittanceInformation: a boolean true (expected: a JSON string)",
                "$.transfers[0].ekk: a number 2231 (expected: a JSON string)"), problems(r));
    }

    @Test
    void lengthsCodesBicsAndIbansAreCheckedByJsonPath() throws Exception {
        ObjectNode r = request();
        transfer(r).put("remittanceInformation", "ā".repeat(141));
        transfer(r).put("creditorBic", "TRELLV2");
        transfer(r).put("currency", "USD");
        transfer(r).put("amk", "11");
        transfer(r).with("creditor").put("iban", "EE38220022102014568");
        r.with("debtor").put("iban", "LV44HABA0551000000001");
        r.put("requestedExecutionDate", "2026-02-30");
        r.with("debtor").put("name", "x".repeat(141));
        assertEquals(List.of(
                "$.debtor.name: 141 characters (expected: at most 140)",
                "$.debtor.iban: LV44HABA0551000000001 (expected: a Treasury account, LVkkTREL…)",
                "$.requestedExecutionDate: 2026-02-30 (expected: a date YYYY-MM-DD)",
                "$.transfers[0].currency: \"USD\" (expected: EUR)",
                "$.transfers[0].creditor.iban: EE38220022102014568 (expected: 20 characters for EE, not 19)",
                "$.transfers[0].creditorBic: \"TRELLV2\" (expected: a BIC of 8 or 11 capital letters and digits, e.g. TRELLV22)",
                "$.transfers[0].remittanceInformation: 141 characters (expected: at most 140)",
                "$.transfers[0].amk: \"11\" (expected: 3 digits)"), problems(r));
    }

    @Test
    void controlCharactersAreRefused() throws Exception {
        for (String bad : List.of("Rēķins\n1", "Rēķins\u00001", "Rēķins\u0085", "Rēķins\u2028", "Rēķins\u001b[31m")) {
            ObjectNode r = request();
            transfer(r).put("remittanceInformation", bad);
            List<String> found = problems(r);
            assertEquals(1, found.size(), found.toString());
            assertTrue(found.get(0).startsWith("$.transfers[0].remittanceInformation: contains U+"), found.get(0));
            assertTrue(found.get(0).endsWith("(expected: no control characters)"), found.get(0));
        }
    }

    @Test
    void unknownFieldsAndMissingPartsAreNamed() throws Exception {
        ObjectNode r = request();
        r.remove("debtor");
        transfer(r).put("amout", "1.00");
        r.putArray("transfers").add(JSON.createObjectNode()).add(7);
        assertEquals(List.of(
                "$.debtor: missing (expected: an object with name and iban)",
                "$.transfers[0].amount: missing (expected: a decimal string such as \"100.00\")",
                "$.transfers[0].creditor: missing (expected: an object with name and iban)",
                "$.transfers[1]: a number (expected: a JSON object)"), problems(r));
        ObjectNode extra = request();
        transfer(extra).put("amout", "1.00");
        assertEquals(List.of("$.transfers[0].amout: unknown field (expected one of [amk, amount, creditor, creditorBic,"
                + " currency, ekk, remittanceInformation, ultimateDebtor])"), problems(extra));
    }

    @Test
    void theWriterRefusesBeforeWritingAnyXml() throws Exception {
        ObjectNode r = request();
        transfer(r).put("amount", "1e2");
        TreasuryException e = assertThrows(TreasuryException.class, () -> Pain001Writer.write(r, PaymentIds.derive("client-a", "key-1"),
                Instant.now(), LocalDate.parse("2026-11-21")));
        assertTrue(e.getMessage().startsWith("payment JSON: $.transfers[0].amount: \"1e2\""), e.getMessage());
    }
}
