package lv.sargs.sandbox.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IbanTest {

    @Test
    void acceptsRegistryExampleInBothForms() {
        assertTrue(Iban.isValid("LV80BANK0000435195001"));
        assertTrue(Iban.isValid("LV80 BANK 0000 4351 9500 1"));
        assertTrue(Iban.isValid("lv80bank0000435195001"));
    }

    @Test
    void computesCheckDigitsOfRegistryExample() {
        assertEquals("LV80BANK0000435195001", Iban.of("BANK", "0000435195001").value());
    }

    @Test
    void rejectsSwappedDigitsAndWrongCheckDigits() {
        assertFalse(Iban.isValid("LV80BANK0000435195010"));
        assertFalse(Iban.isValid("LV81BANK0000435195001"));
    }

    @Test
    void rejectsWrongShapes() {
        for (String bad : new String[] {null, "", "LV80BANK000043519500", "EE80BANK0000435195001",
                "LV8XBANK0000435195001", "LV80BAN10000435195001", "LV80BANK000043519500-"}) {
            assertFalse(Iban.isValid(bad), String.valueOf(bad));
        }
    }

    @Test
    void buildsTreasuryIbansWithLettersInTheAccount() {
        Iban iban = Iban.of("TREL", "2200123ABC001");
        assertTrue(Iban.isValid(iban.value()), iban.value());
        assertEquals("TREL", iban.bankCode());
        assertEquals(iban, Iban.parse(iban.formatted()));
    }
}
