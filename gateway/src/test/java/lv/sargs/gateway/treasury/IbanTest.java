package lv.sargs.gateway.treasury;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IbanTest {

    @Test
    void acceptsValidTreasuryAndBankIbans() {
        assertTrue(Iban.isValid("LV34TREL2200000000001"));
        assertTrue(Iban.isValid("LV44HABA0551000000001"));
        assertTrue(Iban.isValid("DE89370400440532013000"));
        assertEquals("TREL", Iban.bankCode("LV34TREL2200000000001"));
    }

    @Test
    void refusesWrongCheckDigitsNamingTheRule() {
        assertEquals("LV35TREL2200000000001 (expected: valid check digits, ISO 7064 MOD 97-10)",
                Iban.problem("LV35TREL2200000000001").orElseThrow());
    }

    @Test
    void refusesLatvianIbanOfTheWrongLayout() {
        assertTrue(Iban.problem("LV34TREL220000000001").orElseThrow().contains("13 characters"));
        assertTrue(Iban.problem("LV34TR3L2200000000001").orElseThrow().contains("4-letter bank code"));
    }

    @Test
    void refusesSpacesLowerCaseAndNull() {
        assertFalse(Iban.isValid("LV34 TREL 2200 0000 0000 1"));
        assertFalse(Iban.isValid("lv34trel2200000000001"));
        assertFalse(Iban.isValid(null));
    }
}
