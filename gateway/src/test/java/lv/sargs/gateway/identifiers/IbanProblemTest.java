package lv.sargs.gateway.identifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IbanProblemTest {

    @Test
    void acceptsValidTreasuryBankAndForeignIbans() {
        assertTrue(Iban.problem("LV34TREL2200000000001").isEmpty());
        assertTrue(Iban.problem("LV44HABA0551000000001").isEmpty());
        assertTrue(Iban.problem("DE89370400440532013000").isEmpty(), "payments may go to foreign accounts");
        assertFalse(Iban.isValid("DE89370400440532013000"), "an Iban record is Latvian only");
        assertEquals("TREL", Iban.bankCode("LV34TREL2200000000001"));
    }

    @Test
    void refusesWrongCheckDigitsNamingTheRule() {
        assertEquals("LV35TREL2200000000001 (expected: valid check digits, ISO 7064 MOD 97-10)",
                Iban.problem("LV35TREL2200000000001").orElseThrow());
        assertEquals("DE88370400440532013000 (expected: valid check digits, ISO 7064 MOD 97-10)",
                Iban.problem("DE88370400440532013000").orElseThrow());
    }

    @Test
    void refusesLatvianIbanOfTheWrongLayout() {
        assertTrue(Iban.problem("LV34TREL220000000001").orElseThrow().contains("LV and 19 more characters"));
        assertTrue(Iban.problem("LV34TR3L2200000000001").orElseThrow().contains("four letters of the bank's BIC"));
    }

    @Test
    void refusesSpacesLowerCaseAndNullInElectronicForm() {
        assertTrue(Iban.problem("LV34 TREL 2200 0000 0000 1").isPresent());
        assertTrue(Iban.problem("lv34trel2200000000001").isPresent());
        assertTrue(Iban.problem(null).isPresent());
    }
}
