package lv.sargs.sandbox.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RegistrationNumberTest {

    @Test
    void acceptsPublishedExamples() {
        assertTrue(RegistrationNumber.isValid("40003521600"));
        assertTrue(RegistrationNumber.isValid("40003032949"));
        assertTrue(RegistrationNumber.isValid("90000069830"));
    }

    @Test
    void rejectsEverySingleDigitChangeOfAnExample() {
        String valid = "40003521600";
        for (int i = 1; i < 11; i++) {
            for (char c = '0'; c <= '9'; c++) {
                if (c == valid.charAt(i)) {
                    continue;
                }
                String changed = valid.substring(0, i) + c + valid.substring(i + 1);
                assertFalse(RegistrationNumber.isValid(changed), changed);
            }
        }
    }

    @Test
    void rejectsPrefixOutsideRegisters() {
        String ten = "1000352160";
        for (char last = '0'; last <= '9'; last++) {
            assertFalse(RegistrationNumber.isValid(ten + last));
        }
        InvalidIdentifierException e = assertThrows(InvalidIdentifierException.class,
                () -> new RegistrationNumber("10003521600"));
        assertEquals("registration number: 10003521600 (expected: prefix 4, 5 or 9)", e.getMessage());
    }

    @Test
    void completesTenDigitsWithTheCheckingLastDigit() {
        assertEquals("40003521600", RegistrationNumber.complete("4000352160").orElseThrow().digits());
        assertEquals("90000069830", RegistrationNumber.complete("9000006983").orElseThrow().digits());
    }

    @Test
    void rejectsWrongShapes() {
        for (String bad : new String[] {null, "", "4000352160", "400035216000", "4000352160A"}) {
            assertFalse(RegistrationNumber.isValid(bad), String.valueOf(bad));
        }
    }
}
