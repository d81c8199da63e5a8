package lv.sargs.sandbox.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PersonalCodeTest {

    @Test
    void acceptsPublishedOldFormatExamples() {
        assertTrue(PersonalCode.isValid("161175-19997"));
        assertTrue(PersonalCode.isValid("290758-10403"));
        assertTrue(PersonalCode.isValid("16117519997"));
    }

    @Test
    void computesCheckDigitOfPublishedExamples() {
        assertEquals(7, PersonalCode.checkDigit("1611751999"));
        assertEquals(3, PersonalCode.checkDigit("2907581040"));
    }

    @Test
    void rejectsOldFormatWithWrongCheckDigit() {
        assertFalse(PersonalCode.isValid("161175-19998"));
        InvalidIdentifierException e = assertThrows(InvalidIdentifierException.class,
                () -> PersonalCode.parse("161175-19998"));
        assertEquals(InvalidIdentifierException.Kind.PERSONAL_CODE, e.kind());
        assertEquals("personal code: 16117519998 (expected: check digit 7)", e.getMessage());
    }

    @Test
    void rejectsOldFormatWithImpossibleDateOrCentury() {
        assertFalse(PersonalCode.isValid(withCheckDigit("310275-1999")), "31 February");
        assertFalse(PersonalCode.isValid(withCheckDigit("161175-3999")), "century digit 3");
    }

    @Test
    void acceptsNewFormatWithoutChecksum() {
        for (String code : new String[] {"32000000000", "32999999999", "39123456789", "321234-56789"}) {
            assertTrue(PersonalCode.isValid(code), code);
            assertTrue(PersonalCode.parse(code).isNewFormat(), code);
            assertTrue(PersonalCode.parse(code).birthDate().isEmpty(), code);
        }
    }

    @Test
    void readsOldFormatDayThirtyAsBirthDateNotNewFormat() {
        PersonalCode code = PersonalCode.oldFormat(LocalDate.of(1980, 1, 31), 123);
        assertFalse(code.isNewFormat());
        assertEquals(LocalDate.of(1980, 1, 31), code.birthDate().orElseThrow());
    }

    @Test
    void rejectsWrongShapes() {
        for (String bad : new String[] {null, "", "1611751999", "161175199970", "16117A-19997", "161175 19997",
                "1611-7519997"}) {
            assertFalse(PersonalCode.isValid(bad), String.valueOf(bad));
        }
    }

    @Test
    void buildsOldFormatForEachCenturyAndRoundTripsTheBirthDate() {
        for (LocalDate birth : new LocalDate[] {LocalDate.of(1899, 12, 31), LocalDate.of(1975, 11, 16),
                LocalDate.of(2004, 2, 29)}) {
            for (int serial : new int[] {0, 1, 555, 999}) {
                PersonalCode code = PersonalCode.oldFormat(birth, serial);
                assertTrue(PersonalCode.isValid(code.digits()), code.digits());
                assertEquals(birth, code.birthDate().orElseThrow());
            }
        }
        assertEquals("161175-19997", PersonalCode.oldFormat(LocalDate.of(1975, 11, 16), 999).formatted());
    }

    private static String withCheckDigit(String firstTenWithHyphen) {
        String ten = firstTenWithHyphen.replace("-", "");
        return ten + PersonalCode.checkDigit(ten);
    }
}
