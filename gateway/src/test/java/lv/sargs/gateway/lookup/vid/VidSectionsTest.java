package lv.sargs.gateway.lookup.vid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import lv.sargs.gateway.lookup.RegisterAnswerException;
import org.junit.jupiter.api.Test;

/** VID's taxpayer JSON (the sandbox's assumed shape) mapped into the standard {@code taxData} section. */
class VidSectionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode map(String vid) throws Exception {
        return JSON.readTree(VidSections.taxData(vid.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aVatRegisteredCompanyWithADebt() throws Exception {
        JsonNode tax = map("""
                {"taxpayerCode":"40003032949","name":"SIA \\"Ābeles\\"","kind":"LEGAL_PERSON",
                 "vat":{"registered":true,"number":"LV40003032949","registeredOn":"2004-05-01"},
                 "taxDebt":{"amount":"1234.50","currency":"EUR","asOf":"2026-01-01"},"internal":"not ours"}""");

        assertEquals("40003032949", tax.get("taxpayerCode").asText());
        assertEquals("SIA \"Ābeles\"", tax.get("name").asText());
        assertTrue(tax.get("vatRegistered").booleanValue());
        assertEquals("LV40003032949", tax.get("vatNumber").asText());
        assertEquals("2004-05-01", tax.get("vatRegisteredOn").asText());
        assertTrue(tax.at("/taxDebt/hasDebt").booleanValue());
        assertEquals("1234.50", tax.at("/taxDebt/amount").asText());
        assertEquals("EUR", tax.at("/taxDebt/currency").asText());
        assertEquals("2026-01-01", tax.at("/taxDebt/asOf").asText());
        assertFalse(tax.has("internal"), "only the fields we vouch for");
        assertFalse(tax.has("kind"));
    }

    @Test
    void aPersonNotRegisteredForVatWithoutDebt() throws Exception {
        JsonNode tax = map("""
                {"taxpayerCode":"32010112345","name":"Anna Bērziņa","vat":{"registered":false},
                 "taxDebt":{"amount":"0.00","currency":"EUR","asOf":"2026-01-01"}}""");

        assertFalse(tax.get("vatRegistered").booleanValue());
        assertFalse(tax.has("vatNumber"));
        assertFalse(tax.at("/taxDebt/hasDebt").booleanValue());
        assertEquals("0.00", tax.at("/taxDebt/amount").asText());
    }

    @Test
    void anAnswerWithoutAVatFlagIsRefusedNamingTheField() {
        RegisterAnswerException e = assertThrows(RegisterAnswerException.class, () -> map("""
                {"taxpayerCode":"40003032949","vat":{},"taxDebt":{"amount":"0.00"}}"""));
        assertEquals("VID taxpayer: vat.registered is MISSING (expected: true or false)", e.getMessage());
    }

    @Test
    void anAmountThatIsNotADecimalWithTwoDigitsIsRefusedNamingIt() {
        RegisterAnswerException e = assertThrows(RegisterAnswerException.class, () -> map("""
                {"vat":{"registered":false},"taxDebt":{"amount":"1e3"}}"""));
        assertEquals("VID taxpayer: taxDebt.amount is \"1e3\" (expected: a decimal with two fractional digits,"
                + " e.g. 1234.50)", e.getMessage());
    }

    @Test
    void anAnswerThatIsNotAnObjectIsRefused() {
        assertThrows(RegisterAnswerException.class, () -> map("[]"));
    }
}
